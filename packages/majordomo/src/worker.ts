import type { Transport } from '@zmtp/core'
import { Dealer } from '@zmtp/patterns'
import { bytes, toParts } from './bytes.js'
import { ClosedError, MajordomoError, MajordomoErrorCode } from './errors.js'
import { type MdpVersion, parseWorkerInbound, workerCommand } from './protocol.js'
import { withTimeout } from './timeout.js'

/** A request body as a caller may give it: one part or several, strings sent as UTF-8. */
export type Body = string | Uint8Array | readonly (string | Uint8Array)[]

/** How a {@link Worker} behaves. Times are in milliseconds. */
export interface WorkerOptions {
  /** Transports for `connect()`, tried before the process-wide registry. */
  transports?: Transport[]
  /** How often to send HEARTBEAT; must match the broker's (default 2500). */
  heartbeatInterval?: number
  /** Heartbeats from the broker that may be missed before reconnecting on a new socket (default 3). */
  heartbeatLiveness?: number
  /** MDP version to speak (default `'0.2'`). Version 0.1 has no partial replies. */
  version?: MdpVersion
}

const EMPTY = new Uint8Array(0)

/** One request handed to a worker. Answer it with `reply()`, after any number of `partial()`s (0.2). */
export class WorkerRequest {
  #done = false
  /** @internal */
  constructor(
    readonly body: Uint8Array[],
    /** The client's address as the broker gave it (an opaque envelope). */
    readonly client: Uint8Array,
    private readonly answer: (final: boolean, body: Uint8Array[]) => Promise<void>,
  ) {}

  /** Whether `reply()` was called. */
  get done(): boolean {
    return this.#done
  }

  /** Streams part of the answer to the client ahead of the final reply (MDP/0.2 only). */
  async partial(body: Body): Promise<void> {
    if (this.#done) throw new MajordomoError(MajordomoErrorCode.InvalidArgument, 'request already answered')
    await this.answer(false, toParts(body))
  }

  /** Sends the final reply; the worker is then ready for the next request. */
  async reply(body: Body): Promise<void> {
    if (this.#done) throw new MajordomoError(MajordomoErrorCode.InvalidArgument, 'request already answered')
    this.#done = true
    await this.answer(true, toParts(body))
  }
}

/**
 * A Majordomo worker for one service. Iterate it to receive requests, one at a time:
 * `for await (const request of worker) await request.reply(...)`. It sends READY on connecting, heartbeats
 * with the broker, and after a broker restart or a DISCONNECT it opens a new socket and registers again.
 * It uses no Node built-ins, so it also runs in a browser over `ws://`.
 */
export class Worker implements AsyncIterable<WorkerRequest> {
  readonly #endpoint: string
  readonly #transports: Transport[]
  readonly #interval: number
  readonly #liveness: number
  readonly #version: MdpVersion
  readonly #queue: WorkerRequest[] = []
  readonly #waiters: ((request: WorkerRequest | undefined) => void)[] = []
  readonly #timer: ReturnType<typeof setInterval>
  #dealer!: Dealer
  #generation = 0
  #brokerExpiry = 0
  #current: WorkerRequest | undefined
  #answered: (() => void) | undefined
  #closed = false
  /** How many times the worker opened a new socket after losing the broker. */
  reconnects = 0

  constructor(
    endpoint: string,
    readonly service: string,
    options: WorkerOptions = {},
  ) {
    this.#endpoint = endpoint
    this.#transports = options.transports ?? []
    this.#interval = options.heartbeatInterval ?? 2500
    this.#liveness = options.heartbeatLiveness ?? 3
    this.#version = options.version ?? '0.2'
    this.#connect()
    this.#timer = setInterval(() => this.#heartbeat(), this.#interval)
  }

  /** Waits for the next request; resolves with `undefined` once the worker is closed. */
  next(): Promise<WorkerRequest | undefined> {
    const queued = this.#queue.shift()
    if (queued) return Promise.resolve(queued)
    if (this.#closed) return Promise.resolve(undefined)
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WorkerRequest> {
    for (;;) {
      const request = await this.next()
      if (request === undefined) return
      yield request
    }
  }

  /**
   * Leaves the broker: waits until a request in hand is answered (at most `drain` ms, default 5000), sends
   * DISCONNECT and closes the socket. A request the broker sent meanwhile, or one still unanswered after
   * `drain`, goes back to the broker's queue for another worker.
   */
  async close(drain = 5000): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#timer)
    for (const waiter of this.#waiters.splice(0)) waiter(undefined)
    if (this.#current && !this.#current.done && drain > 0) {
      await withTimeout(new Promise<void>((resolve) => (this.#answered = resolve)), drain)
    }
    await this.#dealer.send(workerCommand(this.#version, 'disconnect')).catch(() => {})
    this.#dealer.close()
  }

  #connect(): void {
    const generation = ++this.#generation
    // A fresh socket each time, as RFC 7 asks: the broker must see a new peer that says READY.
    const dealer = new Dealer({ transports: this.#transports, linger: 500, reconnectInterval: 100 })
    this.#dealer = dealer
    dealer.connect(this.#endpoint)
    this.#brokerExpiry = Date.now() + this.#interval * this.#liveness
    void dealer.send(workerCommand(this.#version, 'ready', [bytes(this.service)])).catch(() => {})
    void this.#receive(dealer, generation)
  }

  async #receive(dealer: Dealer, generation: number): Promise<void> {
    try {
      for await (const frames of dealer) {
        if (generation !== this.#generation) return
        this.#onMessage(frames, generation)
      }
    } catch {
      // The socket was closed under us (reconnect or close): nothing to do.
    }
  }

  #onMessage(frames: Uint8Array[], generation: number): void {
    const message = parseWorkerInbound(frames, this.#version)
    if (message === undefined) return
    this.#brokerExpiry = Date.now() + this.#interval * this.#liveness
    if (message.command === 'disconnect') {
      if (!this.#closed) this.#reconnect()
      return
    }
    if (message.command !== 'request' || this.#closed) return
    const [client, delimiter, ...body] = message.frames
    if (client === undefined || delimiter?.length !== 0) return
    const request = new WorkerRequest(body, client, (final, parts) =>
      this.#answer(generation, client, final, parts),
    )
    this.#current = request
    const waiter = this.#waiters.shift()
    if (waiter) waiter(request)
    else this.#queue.push(request)
  }

  async #answer(generation: number, client: Uint8Array, final: boolean, parts: Uint8Array[]): Promise<void> {
    if (final) {
      this.#answered?.()
      this.#answered = undefined
    }
    if (!final && this.#version === '0.1') {
      throw new MajordomoError(MajordomoErrorCode.InvalidArgument, 'MDP/0.1 has no partial replies')
    }
    // A reply for a broker we have since left is dropped: the new broker does not know the request.
    if (generation !== this.#generation) return
    if (this.#dealer.closed) throw new ClosedError('worker')
    await this.#dealer.send(
      workerCommand(this.#version, final ? 'final' : 'partial', [client, EMPTY, ...parts]),
    )
  }

  #heartbeat(): void {
    if (Date.now() > this.#brokerExpiry) {
      this.#reconnect()
      return
    }
    void this.#dealer.send(workerCommand(this.#version, 'heartbeat')).catch(() => {})
  }

  #reconnect(): void {
    this.reconnects++
    this.#dealer.close()
    this.#queue.length = 0
    this.#connect()
  }
}
