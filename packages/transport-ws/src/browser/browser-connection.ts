import {
  type ConnectionEventMap,
  Emitter,
  ErrorCode,
  type MessageConnection,
  ProtocolError,
  TransportError,
} from '@zmtp/core'
import { ZWS_LEGACY } from '../subprotocols.js'

export interface BrowserConnectionInit {
  remoteAddress: string
  sendBufferSize: number
  receiveBufferLimit: number
}

/** How often a full connection looks at `bufferedAmount` again; browsers have no drain event. */
const DRAIN_POLL_MS = 4

/**
 * A {@link MessageConnection} over the browser's `WebSocket`.
 *
 * A browser can neither send WebSocket pings nor pause reading. Pings from the server are answered by the
 * browser itself. Against our servers (the alias subprotocol) the engine keeps the connection alive with
 * ZMTP PINGs; against libzmq (plain `ZWS2.0`, where libzmq would drop them) it sends none. While the socket's
 * receive queue is full, messages wait here, up to a limit.
 */
export class BrowserConnection extends Emitter<ConnectionEventMap> implements MessageConnection {
  readonly kind = 'message'
  readonly subprotocol: string
  readonly transportHeartbeats: boolean
  readonly remoteAddress: string

  readonly #socket: WebSocket
  readonly #sendBufferSize: number
  readonly #receiveBufferLimit: number
  #held: Uint8Array[] | null = []
  #heldBytes = 0
  #paused = false
  #drainTimer: ReturnType<typeof setTimeout> | undefined
  #closed = false
  #error: Error | undefined

  constructor(socket: WebSocket, init: BrowserConnectionInit) {
    super()
    this.#socket = socket
    this.subprotocol = socket.protocol
    this.transportHeartbeats = socket.protocol === ZWS_LEGACY
    this.remoteAddress = init.remoteAddress
    this.#sendBufferSize = init.sendBufferSize
    this.#receiveBufferLimit = init.receiveBufferLimit
    socket.onmessage = (event) => this.#onMessage(event.data)
    socket.onerror = () => {
      this.#error ??= new TransportError(ErrorCode.ConnectionClosed, `${this.remoteAddress}: WebSocket error`)
    }
    socket.onclose = (event) => {
      if (!event.wasClean) {
        this.#error ??= new TransportError(
          ErrorCode.ConnectionClosed,
          `${this.remoteAddress}: connection lost (close code ${event.code})`,
        )
      }
      this.#onClose()
    }
  }

  override on<K extends keyof ConnectionEventMap>(event: K, listener: ConnectionEventMap[K]): this {
    super.on(event, listener)
    // Deliver what arrived early after the caller's current task, once it has started its engine.
    if (event === 'data') queueMicrotask(() => this.#release())
    return this
  }

  write(chunk: Uint8Array): boolean {
    if (this.#closed) return false
    this.#socket.send(chunk)
    return this.#checkFull()
  }

  writev(chunks: readonly Uint8Array[]): boolean {
    if (this.#closed) return false
    for (const chunk of chunks) this.#socket.send(chunk)
    return this.#checkFull()
  }

  pause(): void {
    this.#paused = true
  }

  resume(): void {
    this.#paused = false
    this.#release()
  }

  close(): void {
    if (this.#closed) return
    this.#socket.close(1000)
  }

  destroy(error?: Error): void {
    if (this.#closed) return
    if (error) this.#error ??= error
    this.#socket.close(error ? 1002 : 1000)
    // The browser completes the closing handshake on its own; nothing more will be read or written.
    this.#onClose()
  }

  #checkFull(): boolean {
    if (this.#socket.bufferedAmount < this.#sendBufferSize) return true
    if (this.#drainTimer === undefined) this.#pollDrain()
    return false
  }

  #pollDrain(): void {
    this.#drainTimer = setTimeout(() => {
      this.#drainTimer = undefined
      if (this.#closed) return
      if (this.#socket.bufferedAmount > this.#sendBufferSize / 2) this.#pollDrain()
      else this.emit('drain')
    }, DRAIN_POLL_MS)
  }

  #onMessage(data: unknown): void {
    if (this.#closed) return
    if (typeof data === 'string') {
      this.destroy(
        new ProtocolError(ErrorCode.MalformedFrame, `${this.remoteAddress}: text frame (ZWS is binary only)`),
      )
      return
    }
    const message = new Uint8Array(data as ArrayBuffer)
    if (this.#held === null && !this.#paused) {
      this.emit('data', message)
      return
    }
    this.#held ??= []
    this.#held.push(message)
    this.#heldBytes += message.length
    if (this.#heldBytes > this.#receiveBufferLimit) {
      this.destroy(
        new TransportError(
          ErrorCode.ConnectionClosed,
          `${this.remoteAddress}: more than ${this.#receiveBufferLimit} octets arrived while the receive queue was full`,
        ),
      )
    }
  }

  /** Hands held messages to the session, in order, until it pauses again. */
  #release(): void {
    const held = this.#held
    if (held === null || this.#paused || this.listenerCount('data') === 0) return
    let index = 0
    while (index < held.length && !this.#paused && !this.#closed) {
      const message = held[index++]!
      this.#heldBytes -= message.length
      this.emit('data', message)
    }
    if (this.#held !== held) return
    held.splice(0, index)
    if (held.length === 0) this.#held = null
  }

  #onClose(): void {
    if (this.#closed) return
    this.#closed = true
    this.#held = null
    if (this.#drainTimer !== undefined) clearTimeout(this.#drainTimer)
    this.#socket.onmessage = null
    this.emit('close', this.#error)
  }
}
