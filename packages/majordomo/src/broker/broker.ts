import type { Transport } from '@zmtp/core'
import { Publisher, Router } from '@zmtp/patterns'
import { bytes, hex, text } from '../bytes.js'
import { MajordomoErrorCode } from '../errors.js'
import {
  clientReply,
  ERROR_SERVICE,
  type Inbound,
  type MdpVersion,
  parseInbound,
  workerCommand,
} from '../protocol.js'
import { answerMmi } from './mmi.js'
import { newService, type ServiceState, type WorkerRecord } from './state.js'
import { type BrokerStats, collectStats } from './stats.js'

/** How a {@link Broker} behaves. Times are in milliseconds. */
export interface BrokerOptions {
  /** Transports for `bind()`, tried before the process-wide registry. */
  transports?: Transport[]
  /** How often the broker sends HEARTBEAT to each worker and checks for dead ones (default 2500). */
  heartbeatInterval?: number
  /** Heartbeats a worker may miss before it is dropped (default 3). */
  heartbeatLiveness?: number
  /** Most requests queued per service; past it the client is answered `ERR_MDP_QUEUE_FULL` (default 10000). */
  maxQueue?: number
  /** How long a request may wait for a worker before the client is answered `ERR_MDP_EXPIRED` (0 = never, the default). */
  requestExpiry?: number
  /**
   * How many times a request is handed to another worker after the worker holding it died, before it is
   * dropped as dead-lettered and the client is answered `ERR_MDP_DEAD_LETTER` (default 2).
   */
  maxRedeliveries?: number
}

const EMPTY = new Uint8Array(0)

/**
 * A Majordomo broker (RFC 7 MDP/0.1 and RFC 18 MDP/0.2 on one Router socket). It routes each request to a
 * worker of the named service, least recently used first; queues requests while no worker is free; tracks
 * workers by heartbeat and drops silent ones, handing their unanswered request to another worker; answers
 * `mmi.*` queries itself; and streams 0.2 PARTIAL replies through to the client.
 */
export class Broker {
  readonly #router: Router
  readonly #services = new Map<string, ServiceState>()
  readonly #workers = new Map<string, WorkerRecord>()
  readonly #interval: number
  readonly #liveness: number
  readonly #maxQueue: number
  readonly #expiry: number
  readonly #maxRedeliveries: number
  readonly #timer: ReturnType<typeof setInterval>
  readonly #running: Promise<void>
  #monitor: { publisher: Publisher; timer: ReturnType<typeof setInterval> } | undefined
  #closed = false

  constructor(options: BrokerOptions = {}) {
    this.#interval = options.heartbeatInterval ?? 2500
    this.#liveness = options.heartbeatLiveness ?? 3
    this.#maxQueue = options.maxQueue ?? 10_000
    this.#expiry = options.requestExpiry ?? 0
    this.#maxRedeliveries = options.maxRedeliveries ?? 2
    // Router sends never wait (a full or vanished peer loses the message, as in libzmq), so one slow peer
    // cannot stall routing; a short linger lets the DISCONNECTs of close() leave.
    this.#router = new Router({ transports: options.transports ?? [], linger: 200 })
    this.#timer = setInterval(() => this.#tick(), this.#interval)
    this.#running = this.#loop()
  }

  /** Listens on `endpoint` (for example `tcp://127.0.0.1:*`); resolves with the address actually bound. */
  async bind(endpoint: string): Promise<string> {
    await this.#router.bind(endpoint)
    return this.#router.lastEndpoint!
  }

  /**
   * Publishes {@link BrokerStats} as `['mdp.stats', json]` on a Publisher bound to `endpoint`, every
   * `interval` ms; resolves with the bound address.
   */
  async bindMonitor(endpoint: string, interval = 1000): Promise<string> {
    if (this.#monitor) throw new Error('monitor already bound')
    const publisher = new Publisher({ transports: this.#router.transports, linger: 0 })
    await publisher.bind(endpoint)
    const timer = setInterval(() => {
      void publisher.send(['mdp.stats', JSON.stringify(this.stats())]).catch(() => {})
    }, interval)
    this.#monitor = { publisher, timer }
    return publisher.lastEndpoint!
  }

  /** Queue depth, workers and in-flight requests per service, now. */
  stats(): BrokerStats {
    return collectStats(this.#services.values(), Date.now())
  }

  /** Stops routing, tells every worker DISCONNECT, and closes the sockets. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#timer)
    if (this.#monitor) {
      clearInterval(this.#monitor.timer)
      this.#monitor.publisher.close()
    }
    for (const worker of this.#workers.values())
      this.#send(worker.id, workerCommand(worker.version, 'disconnect'))
    this.#router.close()
    await this.#running
  }

  async #loop(): Promise<void> {
    try {
      for await (const [sender, ...frames] of this.#router) this.#handle(sender!, parseInbound(frames))
    } catch (error) {
      if (!this.#closed) throw error
    }
  }

  #handle(sender: Uint8Array, message: Inbound): void {
    if (message.kind === 'client') this.#onClient(sender, message.version, message.service, message.body)
    else if (message.kind === 'worker')
      this.#onWorker(sender, message.version, message.command, message.frames)
    // Invalid messages are dropped (RFC 7: treat the peer as invalid); a worker among them expires.
  }

  #onClient(client: Uint8Array, version: MdpVersion, service: string, body: Uint8Array[]): void {
    if (service.startsWith('mmi.')) {
      const answer = answerMmi(service, body, {
        hasWorkers: (name) => (this.#services.get(name)?.workers.size ?? 0) > 0,
        serviceNames: () => [...this.#services.values()].filter((s) => s.workers.size > 0).map((s) => s.name),
        stats: () => this.stats(),
      })
      this.#send(client, clientReply(version, true, service, answer))
      return
    }
    const state = this.#service(service)
    if (state.requests.length >= this.#maxQueue) {
      state.rejected++
      this.#reject(client, version, service, MajordomoErrorCode.QueueFull, `queue holds ${this.#maxQueue}`)
      return
    }
    state.requests.push({
      client,
      clientVersion: version,
      service,
      body,
      queuedAt: Date.now(),
      deliveries: 0,
      streamed: false,
    })
    this.#dispatch(state)
  }

  #onWorker(id: Uint8Array, version: MdpVersion, command: string, frames: Uint8Array[]): void {
    const key = hex(id)
    const worker = this.#workers.get(key)
    if (worker === undefined) {
      if (command === 'ready' && frames.length >= 1 && !text(frames[0]).startsWith('mmi.')) {
        this.#register(id, key, version, text(frames[0]))
      } else if (command !== 'disconnect') {
        // A worker we do not know (typically after a broker restart): make it reconnect and READY again.
        this.#send(id, workerCommand(version, 'disconnect'))
      }
      return
    }
    worker.expiry = Date.now() + this.#interval * this.#liveness
    switch (command) {
      case 'heartbeat':
        return
      case 'partial':
      case 'final':
        this.#onReply(worker, command === 'final', frames)
        return
      case 'disconnect':
        this.#drop(worker, false)
        return
      default:
        // READY twice, or a REQUEST from a worker: a valid but unexpected command (RFC 7).
        this.#drop(worker, true)
    }
  }

  #register(id: Uint8Array, key: string, version: MdpVersion, name: string): void {
    const service = this.#service(name)
    const worker: WorkerRecord = {
      id,
      key,
      version,
      service,
      expiry: Date.now() + this.#interval * this.#liveness,
      current: undefined,
    }
    this.#workers.set(key, worker)
    service.workers.add(worker)
    service.idle.push(worker)
    this.#dispatch(service)
  }

  #onReply(worker: WorkerRecord, final: boolean, frames: Uint8Array[]): void {
    const request = worker.current
    // frames: client address, empty delimiter, body. A reply for another client than the one we gave it
    // would be a confused worker; we route by what we handed out.
    if (request === undefined || frames.length < 2 || frames[1]!.length !== 0) {
      this.#drop(worker, true)
      return
    }
    const body = frames.slice(2)
    if (!final) {
      if (request.clientVersion === '0.1') return // MDP/0.1 clients take exactly one reply: the final one
      request.streamed = true
      this.#send(request.client, clientReply('0.2', false, request.service, body))
      return
    }
    this.#send(request.client, clientReply(request.clientVersion, true, request.service, body))
    worker.service.answered++
    worker.current = undefined
    worker.service.idle.push(worker)
    this.#dispatch(worker.service)
  }

  #dispatch(service: ServiceState): void {
    while (service.idle.length > 0 && service.requests.length > 0) {
      const worker = service.idle.shift()!
      const request = service.requests.shift()!
      worker.current = request
      service.dispatched++
      this.#send(
        worker.id,
        workerCommand(worker.version, 'request', [request.client, EMPTY, ...request.body]),
      )
    }
  }

  /** Forgets a worker; its unanswered request goes back to the head of the queue (or is dead-lettered). */
  #drop(worker: WorkerRecord, tell: boolean): void {
    if (tell) this.#send(worker.id, workerCommand(worker.version, 'disconnect'))
    this.#workers.delete(worker.key)
    const service = worker.service
    service.workers.delete(worker)
    const idle = service.idle.indexOf(worker)
    if (idle >= 0) service.idle.splice(idle, 1)
    const request = worker.current
    worker.current = undefined
    if (request === undefined) return
    request.deliveries++
    if (request.streamed || request.deliveries > this.#maxRedeliveries) {
      service.deadLettered++
      const detail = `${request.deliveries} workers died holding it`
      this.#reject(
        request.client,
        request.clientVersion,
        request.service,
        MajordomoErrorCode.DeadLetter,
        detail,
      )
      return
    }
    service.requests.unshift(request)
    this.#dispatch(service)
  }

  #tick(): void {
    const now = Date.now()
    for (const worker of [...this.#workers.values()]) {
      if (worker.expiry < now) this.#drop(worker, false)
      else this.#send(worker.id, workerCommand(worker.version, 'heartbeat'))
    }
    if (this.#expiry > 0) {
      for (const service of this.#services.values()) {
        while (service.requests.length > 0 && service.requests[0]!.queuedAt + this.#expiry < now) {
          const request = service.requests.shift()!
          service.expired++
          const detail = `no worker within ${this.#expiry} ms`
          this.#reject(
            request.client,
            request.clientVersion,
            request.service,
            MajordomoErrorCode.Expired,
            detail,
          )
        }
      }
    }
  }

  #reject(client: Uint8Array, version: MdpVersion, service: string, code: string, detail: string): void {
    this.#send(
      client,
      clientReply(version, true, ERROR_SERVICE, [bytes(code), bytes(service), bytes(detail)]),
    )
  }

  #service(name: string): ServiceState {
    let state = this.#services.get(name)
    if (state === undefined) this.#services.set(name, (state = newService(name)))
    return state
  }

  #send(to: Uint8Array, frames: Uint8Array[]): void {
    if (this.#router.closed) return
    this.#router.send([to, ...frames]).catch(() => {})
  }
}
