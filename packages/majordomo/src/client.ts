import type { Transport } from '@zmtp/core'
import { Dealer } from '@zmtp/patterns'
import { sameBytes, text, toParts } from './bytes.js'
import { BrokerRejectedError, ClosedError, MajordomoErrorCode, RequestTimeoutError } from './errors.js'
import { ClientCommand, clientRequest, ERROR_SERVICE, MDPC01, MDPC02, type MdpVersion } from './protocol.js'
import { Rotation, Serial } from './rotation.js'
import { TIMED_OUT, withTimeout } from './timeout.js'
import type { Body } from './worker.js'

/** How a {@link Client} behaves. Times are in milliseconds. */
export interface ClientOptions {
  /** Transports for `connect()`, tried before the process-wide registry. */
  transports?: Transport[]
  /** Default time to wait for each reply message before trying again (default 2500). */
  timeout?: number
  /** Default number of further tries after the first one times out (default 2). */
  retries?: number
  /** MDP version to speak (default `'0.2'`). Version 0.1 receives only final replies. */
  version?: MdpVersion
}

/** Options of one {@link Client.request}. */
export interface RequestOptions {
  /** Time to wait for each reply message (the first, and each after a partial). */
  timeout?: number
  /** Further tries after a timeout, each on a new socket and the next broker of the list. */
  retries?: number
  /** Called with each PARTIAL reply of MDP/0.2, before the final one resolves the request. */
  onPartial?: (body: Uint8Array[]) => void
}

/**
 * A Majordomo client. `await client.request('echo', body)` sends a request to a service through the
 * broker and resolves with the final reply's parts. Requests from one client go one at a time, in call
 * order, as MDP asks. A reply that does not come within `timeout` makes the client close its socket, open
 * a new one (to the next endpoint, when given several brokers) and send again, up to `retries` times; then
 * it rejects with {@link RequestTimeoutError}. No Node built-ins: it runs in a browser over `ws://`.
 */
export class Client {
  readonly #rotation: Rotation
  readonly #serial = new Serial()
  readonly #transports: Transport[]
  readonly #timeout: number
  readonly #retries: number
  readonly #version: MdpVersion
  #dealer: Dealer | undefined
  #closed = false

  constructor(endpoints: string | string[], options: ClientOptions = {}) {
    this.#rotation = new Rotation(endpoints, 'broker')
    this.#transports = options.transports ?? []
    this.#timeout = options.timeout ?? 2500
    this.#retries = options.retries ?? 2
    this.#version = options.version ?? '0.2'
  }

  /** Sends `body` to `service` and resolves with the final reply's parts. */
  request(service: string, body: Body, options: RequestOptions = {}): Promise<Uint8Array[]> {
    return this.#serial.run(() => this.#request(service, toParts(body), options))
  }

  /** Closes the socket; requests still waiting reject with `ERR_MDP_CLOSED`. */
  close(): void {
    this.#closed = true
    this.#dealer?.close()
    this.#dealer = undefined
  }

  async #request(service: string, body: Uint8Array[], options: RequestOptions): Promise<Uint8Array[]> {
    const timeout = options.timeout ?? this.#timeout
    const tries = 1 + (options.retries ?? this.#retries)
    const tried: string[] = []
    for (let attempt = 0; attempt < tries; attempt++) {
      if (this.#closed) throw new ClosedError('client')
      const dealer = this.#socket(tried)
      await dealer.send(clientRequest(this.#version, service, body))
      const reply = await this.#await(dealer, timeout, options.onPartial)
      if (reply !== TIMED_OUT) return reply
      // Lazy Pirate: the socket may hold a late reply to this try; drop it and start clean elsewhere.
      dealer.close()
      if (this.#dealer === dealer) this.#dealer = undefined
    }
    throw new RequestTimeoutError(tries, tried)
  }

  #socket(tried: string[]): Dealer {
    if (this.#dealer === undefined) {
      this.#dealer = new Dealer({ transports: this.#transports, linger: 0 })
      this.#dealer.connect(this.#rotation.advance())
    }
    tried.push(this.#rotation.current)
    return this.#dealer
  }

  async #await(
    dealer: Dealer,
    timeout: number,
    onPartial: ((body: Uint8Array[]) => void) | undefined,
  ): Promise<Uint8Array[] | typeof TIMED_OUT> {
    for (;;) {
      let message: Uint8Array[] | typeof TIMED_OUT
      try {
        message = await withTimeout(dealer.receive(), timeout)
      } catch (error) {
        if (this.#closed) throw new ClosedError('client')
        throw error
      }
      if (message === TIMED_OUT) return TIMED_OUT
      const reply = this.#parse(message)
      if (reply === undefined) continue
      if (reply.service === ERROR_SERVICE) throw rejection(reply.body)
      if (reply.final) return reply.body
      onPartial?.(reply.body)
    }
  }

  #parse(frames: Uint8Array[]): { final: boolean; service: string; body: Uint8Array[] } | undefined {
    if (this.#version === '0.1') {
      if (frames[0]?.length !== 0 || !sameBytes(frames[1], MDPC01)) return undefined
      return { final: true, service: text(frames[2]), body: frames.slice(3) }
    }
    if (!sameBytes(frames[0], MDPC02)) return undefined
    const command = frames[1]?.[0]
    if (command !== ClientCommand.Partial && command !== ClientCommand.Final) return undefined
    return { final: command === ClientCommand.Final, service: text(frames[2]), body: frames.slice(3) }
  }
}

function rejection(body: Uint8Array[]): BrokerRejectedError {
  const code = text(body[0])
  const known = [
    MajordomoErrorCode.QueueFull,
    MajordomoErrorCode.Expired,
    MajordomoErrorCode.DeadLetter,
  ] as const
  const match = known.find((candidate) => candidate === code) ?? MajordomoErrorCode.QueueFull
  return new BrokerRejectedError(match, text(body[1]), text(body[2]))
}
