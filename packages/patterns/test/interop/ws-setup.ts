/**
 * Shared pieces of the interop suites over `ws://` (ZWS 2.0, RFC 45): an ephemeral endpoint on
 * loopback, and a raw WebSocket client that speaks ZWS frames by hand
 * (for legacy `ZWS2.0` mode, which none of our Node sockets offer first).
 */
import { WebSocket } from 'ws'
import { WS } from '../transport-cases.js'

/** Where sockets bind: an ephemeral port on loopback, one path segment (see {@link WS}). */
export const WS_ANY = WS.bindTo()

/**
 * Installs the `ws` library's WebSocket as `globalThis.WebSocket`, as a page has it, so that the browser
 * build of our transport runs in Node (Node 20 has no WebSocket of its own); `restore` puts back what was.
 */
export function withGlobalWebSocket(): { install(): void; restore(): void } {
  const global = globalThis as { WebSocket?: unknown }
  const saved = global.WebSocket
  return {
    install: () => {
      global.WebSocket = WebSocket
    },
    restore: () => {
      global.WebSocket = saved
    },
  }
}

/** A ZWS frame as it goes over the wire: the flags octet (0x01 MORE, 0x02 COMMAND), then the body. */
export function zwsFrame(flags: number, body: string | Uint8Array): Uint8Array {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
  const out = new Uint8Array(bytes.length + 1)
  out[0] = flags
  out.set(bytes, 1)
  return out
}

/**
 * A WebSocket client that offers exactly the subprotocols given and hands over every binary message as
 * it came (one ZWS frame each), for checks at the byte level.
 */
export class RawZws {
  readonly #socket: WebSocket
  readonly #received: Uint8Array[] = []
  readonly #waiters: ((message: Uint8Array) => void)[] = []
  readonly opened: Promise<void>
  /** Settles with the close code once the connection is closed, whoever closed it. */
  readonly closed: Promise<number>

  constructor(url: string, protocols: string[]) {
    this.#socket = new WebSocket(url, protocols, { perMessageDeflate: false })
    this.opened = new Promise((resolve, reject) => {
      this.#socket.on('open', resolve)
      this.#socket.on('error', reject)
      this.#socket.on('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused with HTTP ${response.statusCode}`)),
      )
    })
    this.closed = new Promise((resolve) => this.#socket.on('close', resolve))
    this.#socket.on('message', (data, isBinary) => {
      if (!isBinary) throw new Error('text message from a ZWS peer')
      const message = new Uint8Array(data as Buffer)
      const waiter = this.#waiters.shift()
      if (waiter) waiter(message)
      else this.#received.push(message)
    })
  }

  /** The subprotocol the server chose. */
  get protocol(): string {
    return this.#socket.protocol
  }

  /** Resolves with the next message (one ZWS frame: flags octet and body). */
  next(): Promise<Uint8Array> {
    const message = this.#received.shift()
    if (message) return Promise.resolve(message)
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  /** Resolves with the next multipart message: the bodies of frames up to one without MORE. */
  async receive(): Promise<Uint8Array[]> {
    const frames: Uint8Array[] = []
    for (;;) {
      const frame = await this.next()
      if (frame[0]! & 0x02) throw new Error(`command frame ${[...frame]} in a message`)
      frames.push(frame.subarray(1))
      if (!(frame[0]! & 0x01)) return frames
    }
  }

  /** Sends one ZWS frame. */
  send(flags: number, body: string | Uint8Array): void {
    this.#socket.send(zwsFrame(flags, body))
  }

  /** Sends a multipart message, MORE on every frame but the last. */
  sendMessage(frames: (string | Uint8Array)[]): void {
    for (const [i, frame] of frames.entries()) this.send(i < frames.length - 1 ? 1 : 0, frame)
  }

  close(): void {
    this.#socket.terminate()
  }
}
