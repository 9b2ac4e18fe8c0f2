import type { Transport } from '@zmtp/core'
import { Request } from '@zmtp/patterns'
import { toParts } from './bytes.js'
import { ClosedError, RequestTimeoutError } from './errors.js'
import { Rotation, Serial } from './rotation.js'
import { TIMED_OUT, withTimeout } from './timeout.js'
import type { Body } from './worker.js'

/** How a {@link LazyPirate} behaves. Times are in milliseconds. */
export interface LazyPirateOptions {
  /** Transports for `connect()`, tried before the process-wide registry. */
  transports?: Transport[]
  /** Time to wait for each reply before giving up on that try (default 2500). */
  timeout?: number
  /** Further tries after the first one times out (default 2). */
  retries?: number
}

/**
 * The Lazy Pirate client of the ZeroMQ guide, with Freelance-style failover: it sends each request over a
 * `Request` socket to a plain `Reply` (or Router) server, waits at most `timeout`, and on silence closes the
 * socket (a REQ socket cannot send again before its reply), opens a new one to the next server of the
 * list and tries again, `retries` times. When every try fails it rejects with {@link RequestTimeoutError},
 * which lists the servers tried. Servers must be idempotent: a slow server may have done the work.
 */
export class LazyPirate {
  readonly #rotation: Rotation
  readonly #serial = new Serial()
  readonly #transports: Transport[]
  readonly #timeout: number
  readonly #retries: number
  #socket: Request | undefined
  #closed = false

  constructor(servers: string | string[], options: LazyPirateOptions = {}) {
    this.#rotation = new Rotation(servers, 'server')
    this.#transports = options.transports ?? []
    this.#timeout = options.timeout ?? 2500
    this.#retries = options.retries ?? 2
  }

  /** The server of the current socket: the last one that answered, or the next to try. */
  get server(): string {
    return this.#socket ? this.#rotation.current : this.#rotation.peek()
  }

  /** Sends `body` and resolves with the reply; requests go one at a time, in call order. */
  request(body: Body, options: { timeout?: number; retries?: number } = {}): Promise<Uint8Array[]> {
    return this.#serial.run(() => this.#request(toParts(body), options))
  }

  /** Closes the socket; a request waiting for its reply rejects with `ERR_MDP_CLOSED`. */
  close(): void {
    this.#closed = true
    this.#socket?.close()
    this.#socket = undefined
  }

  async #request(body: Uint8Array[], options: { timeout?: number; retries?: number }): Promise<Uint8Array[]> {
    const tries = 1 + (options.retries ?? this.#retries)
    const tried: string[] = []
    for (let attempt = 0; attempt < tries; attempt++) {
      if (this.#closed) throw new ClosedError('lazy pirate client')
      let socket = this.#socket
      if (socket === undefined) {
        socket = this.#socket = new Request({ transports: this.#transports, linger: 0 })
        socket.connect(this.#rotation.advance())
      }
      tried.push(this.#rotation.current)
      await socket.send(body)
      let reply: Uint8Array[] | typeof TIMED_OUT
      try {
        reply = await withTimeout(socket.receive(), options.timeout ?? this.#timeout)
      } catch (error) {
        if (this.#closed) throw new ClosedError('lazy pirate client')
        throw error
      }
      if (reply !== TIMED_OUT) return reply
      socket.close()
      this.#socket = undefined
    }
    throw new RequestTimeoutError(tries, tried)
  }
}
