import { ErrorCode, isZmtpError } from '@zmtp/core'
import { MAX_SIGNAL_SIZE } from '../defaults.js'
import { isPeerId } from '../endpoint.js'
import { SignalingError } from '../errors.js'
import { type ClientRequest, decodeReply, encodeRequest } from './codec.js'
import type { Announcement, Signal, Signaling } from './signaling.js'

/**
 * What {@link SocketSignaling} needs of a zmtp `Dealer` (structurally, so this package does not depend on
 * `@zmtp/patterns`): one-frame messages out, messages in, and close.
 */
export interface SignalingDealer {
  send(message: Uint8Array): Promise<void>
  receive(): Promise<Uint8Array[]>
  close(): void
}

export interface SocketSignalingOptions {
  /** ms to wait for the server to answer a request. Default 10000. */
  requestTimeout?: number
  /** Largest message accepted from the server, in octets. Default 64 KiB. */
  maxMessageSize?: number
  /** Called with messages from the server that could not be read (they are dropped). */
  onError?(error: Error): void
}

type Pending = { resolve: () => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> }

const DEFAULT_REQUEST_TIMEOUT = 10_000

/**
 * The client side of the reference signaling service, over a zmtp `Dealer` connected to a signaling
 * server (`serveSignaling` in `@zmtp/transport-webrtc/server`, or the `zmtp-signal` command). Works in
 * browsers (a Dealer over `ws://`) and in Node (over `tcp://` or `ws://`).
 *
 * @example
 * ```ts
 * const dealer = new Dealer({ transports: [ws()] })
 * dealer.connect('ws://127.0.0.1:8090')
 * const signaling = new SocketSignaling(dealer)
 * const router = new Router({ transports: [webrtc({ signaling })] })
 * await router.bind('webrtc://kitchen')
 * ```
 */
export class SocketSignaling implements Signaling {
  readonly #dealer: SignalingDealer
  readonly #timeout: number
  readonly #limit: number
  readonly #onError: ((error: Error) => void) | undefined
  readonly #pending = new Map<number, Pending>()
  readonly #handlers = new Map<string, (signal: Signal) => void>()
  #seq = 0
  #closed = false

  constructor(dealer: SignalingDealer, options: SocketSignalingOptions = {}) {
    this.#dealer = dealer
    this.#timeout = options.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT
    this.#limit = options.maxMessageSize ?? MAX_SIGNAL_SIZE
    this.#onError = options.onError
    void this.#read()
  }

  async announce(id: string, onSignal: (signal: Signal) => void): Promise<Announcement> {
    if (!isPeerId(id)) throw new SignalingError(ErrorCode.InvalidArgument, `"${id}" is not a valid peer id`)
    if (this.#handlers.has(id))
      throw new SignalingError(ErrorCode.AddressInUse, `webrtc://${id} is announced already`)
    this.#handlers.set(id, onSignal)
    try {
      await this.#request({ seq: 0, kind: 'announce', id })
    } catch (error) {
      if (this.#handlers.get(id) === onSignal) this.#handlers.delete(id)
      throw error
    }
    let withdrawn = false
    return {
      id,
      close: async () => {
        if (withdrawn) return
        withdrawn = true
        if (this.#handlers.get(id) === onSignal) this.#handlers.delete(id)
        if (this.#closed) return
        await this.#request({ seq: 0, kind: 'withdraw', id }).catch(() => {})
      },
    }
  }

  async send(signal: Signal): Promise<void> {
    if (!this.#handlers.has(signal.from)) {
      throw new SignalingError(
        ErrorCode.Forbidden,
        `signaling as webrtc://${signal.from}, which this client did not announce`,
      )
    }
    await this.#request({ seq: 0, kind: 'signal', signal })
  }

  /** Stops: pending requests fail with `ETERM`, and the Dealer is closed. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    for (const seq of [...this.#pending.keys()])
      this.#settle(seq, new SignalingError(ErrorCode.Closed, 'signaling closed'))
    this.#handlers.clear()
    this.#dealer.close()
  }

  #request(request: ClientRequest): Promise<void> {
    if (this.#closed) return Promise.reject(new SignalingError(ErrorCode.Closed, 'signaling closed'))
    this.#seq = this.#seq >= 0xffffffff ? 1 : this.#seq + 1
    const seq = this.#seq
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.#settle(
            seq,
            new SignalingError(
              ErrorCode.ConnectionRefused,
              `the signaling server did not answer within ${this.#timeout} ms`,
            ),
          ),
        this.#timeout,
      )
      this.#pending.set(seq, { resolve, reject, timer })
      this.#dealer.send(encodeRequest({ ...request, seq })).catch((error: unknown) => {
        this.#settle(seq, error instanceof Error ? error : new Error(String(error)))
      })
    })
  }

  #settle(seq: number, error?: Error): void {
    const pending = this.#pending.get(seq)
    if (!pending) return
    this.#pending.delete(seq)
    clearTimeout(pending.timer)
    if (error) pending.reject(error)
    else pending.resolve()
  }

  async #read(): Promise<void> {
    while (!this.#closed) {
      let frames: Uint8Array[]
      try {
        frames = await this.#dealer.receive()
      } catch (error) {
        if (!this.#closed && !isZmtpError(error, ErrorCode.Closed)) this.#onError?.(error as Error)
        this.close()
        return
      }
      try {
        if (frames.length !== 1)
          throw new SignalingError(ErrorCode.MalformedFrame, `a reply of ${frames.length} frames`)
        this.#handle(frames[0]!)
      } catch (error) {
        this.#onError?.(error as Error)
      }
    }
  }

  #handle(bytes: Uint8Array): void {
    const reply = decodeReply(bytes, this.#limit)
    if (reply.kind === 'signal') {
      this.#handlers.get(reply.signal.to)?.(reply.signal)
    } else if (reply.kind === 'ack') {
      this.#settle(reply.seq)
    } else {
      const code = (Object.values(ErrorCode) as string[]).includes(reply.code)
        ? (reply.code as ErrorCode)
        : ErrorCode.InvalidArgument
      this.#settle(reply.seq, new SignalingError(code, `signaling server: ${reply.message}`))
    }
  }
}
