import type { Transport } from '@zmtp/core'
import { bytes, hex, text } from '../bytes.js'
import { Client } from '../client.js'
import { Worker, type WorkerRequest } from '../worker.js'
import type { TitanicStore } from './store.js'

/** How a {@link Titanic} service behaves. Times are in milliseconds. */
export interface TitanicOptions {
  /** Transports for reaching the broker. */
  transports?: Transport[]
  /** How long one try of a stored request may wait for its worker's reply (default 5000). */
  timeout?: number
  /** Tries before a request is dead-lettered (default 3). */
  maxAttempts?: number
  /** Stored requests dispatched at once, each over its own client socket (default 8). */
  concurrency?: number
  /** Workers Titanic registers for each of its three services, so that stores can be committed in groups (default 4). */
  serviceWorkers?: number
  /** Heartbeat interval of Titanic's own workers; must match the broker's (default 2500). */
  heartbeatInterval?: number
}

/**
 * Titanic (RFC 9): durable requests on top of a Majordomo broker. It registers the services
 * `titanic.request` (store a request, answer `200` and its id only once it is stored), `titanic.reply`
 * (`200` and the reply, `300` while pending, `400` for an unknown id, `500` once dead-lettered) and
 * `titanic.close` (forget a request). It hands each stored request to its service through the broker, as
 * a client, and stores the reply. A try is recorded before it starts, so after a crash and restart every
 * stored request without a reply is tried again: delivery to workers is at least once, and a request that
 * fails `maxAttempts` tries moves to the dead-letter list.
 */
export class Titanic {
  readonly #store: TitanicStore
  readonly #workers: Worker[]
  readonly #clients: Client[]
  readonly #timeout: number
  readonly #maxAttempts: number
  readonly #queue: string[] = []
  readonly #queued = new Set<string>()
  /** Requests whose last try failed: before the next one, Titanic asks the broker whether the service has workers. */
  readonly #failed = new Map<string, string>()
  readonly #wake: (() => void)[] = []
  readonly #running: Promise<unknown>
  #closed = false

  constructor(endpoint: string, store: TitanicStore, options: TitanicOptions = {}) {
    this.#store = store
    this.#timeout = options.timeout ?? 5000
    this.#maxAttempts = options.maxAttempts ?? 3
    const transports = options.transports ?? []
    const workerOptions = { transports, heartbeatInterval: options.heartbeatInterval ?? 2500 }
    const handlers: [string, (request: WorkerRequest) => Promise<Uint8Array[]>][] = [
      ['titanic.request', (request) => this.#onRequest(request)],
      ['titanic.reply', (request) => this.#onReply(request)],
      ['titanic.close', (request) => this.#onClose(request)],
    ]
    const serving: Promise<void>[] = []
    this.#workers = []
    for (const [service, handle] of handlers) {
      for (let i = 0; i < (options.serviceWorkers ?? 4); i++) {
        const worker = new Worker(endpoint, service, workerOptions)
        this.#workers.push(worker)
        serving.push(this.#serve(worker, handle))
      }
    }
    const lanes = options.concurrency ?? 8
    this.#clients = Array.from({ length: lanes }, () => new Client(endpoint, { transports, retries: 0 }))
    this.#running = Promise.all([
      ...serving,
      this.#resume().then(() => Promise.all(this.#clients.map((client) => this.#dispatch(client)))),
    ])
  }

  /** Stops serving and dispatching; stored requests stay in the store for the next start. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    for (const wake of this.#wake.splice(0)) wake()
    for (const client of this.#clients) client.close()
    await Promise.all(this.#workers.map((worker) => worker.close()))
    await this.#running.catch(() => {})
  }

  async #serve(worker: Worker, handle: (request: WorkerRequest) => Promise<Uint8Array[]>): Promise<void> {
    for await (const request of worker) {
      let reply: Uint8Array[]
      try {
        reply = await handle(request)
      } catch (error) {
        reply = [bytes(`500 ${error instanceof Error ? error.message : 'store error'}`)]
      }
      await request.reply(reply).catch(() => {})
    }
  }

  async #onRequest(request: WorkerRequest): Promise<Uint8Array[]> {
    const [service, ...body] = request.body
    if (service === undefined || service.length === 0) return [bytes('400 no service')]
    const id = newId()
    await this.#store.add(id, text(service), body) // durable before the client hears 200
    this.#enqueue(id)
    return [bytes('200'), bytes(id)]
  }

  async #onReply(request: WorkerRequest): Promise<Uint8Array[]> {
    const status = await this.#store.status(text(request.body[0]))
    switch (status.state) {
      case 'done':
        return [bytes('200'), ...status.reply]
      case 'pending':
        return [bytes('300')]
      case 'dead':
        return [bytes(`500 dead-lettered: ${status.reason}`)]
      default:
        return [bytes('400')]
    }
  }

  async #onClose(request: WorkerRequest): Promise<Uint8Array[]> {
    await this.#store.remove(text(request.body[0]))
    return [bytes('200')]
  }

  async #resume(): Promise<void> {
    for (const request of await this.#store.pending()) this.#enqueue(request.id)
  }

  /** Whether `service` has a worker now (`mmi.service`); false if the broker does not answer either. */
  async #serviceUp(client: Client, service: string): Promise<boolean> {
    try {
      const [answer] = await client.request('mmi.service', service, { timeout: this.#timeout, retries: 0 })
      return text(answer) === '200'
    } catch {
      return false
    }
  }

  #enqueue(id: string): void {
    if (this.#queued.has(id)) return
    this.#queued.add(id)
    this.#queue.push(id)
    this.#wake.shift()?.()
  }

  async #dispatch(client: Client): Promise<void> {
    while (!this.#closed) {
      const id = this.#queue.shift()
      if (id === undefined) {
        await new Promise<void>((resolve) => this.#wake.push(resolve))
        continue
      }
      await this.#try(client, id)
    }
  }

  async #try(client: Client, id: string): Promise<void> {
    const failedService = this.#failed.get(id)
    if (failedService !== undefined && !(await this.#serviceUp(client, failedService))) {
      // No worker: waiting is not failing, so no try is spent. Look again after a while.
      await new Promise((resolve) => setTimeout(resolve, this.#timeout / 4))
      this.#queue.push(id)
      return
    }
    const pending = await this.#store.attempt(id) // recorded before the try, so a crash still counts it
    if (pending === undefined) {
      this.#queued.delete(id)
      return
    }
    try {
      const reply = await client.request(pending.service, pending.body, {
        timeout: this.#timeout,
        retries: 0,
      })
      await this.#store.complete(id, reply)
      this.#queued.delete(id)
      this.#failed.delete(id)
    } catch (error) {
      if (this.#closed) return
      const reason = error instanceof Error ? error.message : String(error)
      if (pending.attempts >= this.#maxAttempts) {
        await this.#store.deadLetter(id, reason)
        this.#queued.delete(id)
        this.#failed.delete(id)
      } else {
        this.#failed.set(id, pending.service)
        this.#queue.push(id)
      }
    }
  }
}

/** 32 hex digits from the platform's random source (RFC 9 asks for a UUID in that form). */
function newId(): string {
  return hex(globalThis.crypto.getRandomValues(new Uint8Array(16)))
}
