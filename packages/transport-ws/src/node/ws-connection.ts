import type { Duplex } from 'node:stream'
import {
  type ConnectionEventMap,
  Emitter,
  ErrorCode,
  type MessageConnection,
  ProtocolError,
  TimeoutError,
  unrefTimer,
} from '@zmtp/core'
import type { RawData, WebSocket } from 'ws'
import { connectionError } from '../errors.js'

export interface WsConnectionInit {
  /** The negotiated subprotocol as it went over the wire. */
  subprotocol: string
  remoteAddress: string
  localAddress?: string
  /** Octets queued above which `write` returns false. */
  sendBufferSize: number
  /** Send a WebSocket ping this often, in ms (0: never). */
  heartbeatInterval: number
  /** Close when nothing arrives this long after a ping, in ms. */
  heartbeatTimeout: number
  /**
   * The TCP (or TLS) socket under the WebSocket, as the upgrade handed it over. Corking it around a batch
   * lets the batch leave in one system call instead of one per message.
   */
  stream?: Duplex
}

const BINARY = { binary: true } as const
/** Messages that arrive before the session listens are held; a handful at most in practice. */
const MAX_EARLY_MESSAGES = 1024

/**
 * A {@link MessageConnection} over a `ws` WebSocket in Node: one ZWS frame per binary message.
 *
 * Keep-alive uses WebSocket ping/pong (libzmq does the same over ws), so the engine sends no ZMTP PINGs
 * here. Backpressure follows `bufferedAmount`; the callback of the last message sent while full tells
 * when everything queued has reached the kernel.
 */
export class WsConnection extends Emitter<ConnectionEventMap> implements MessageConnection {
  readonly kind = 'message'
  readonly transportHeartbeats = true
  readonly subprotocol: string
  readonly remoteAddress: string
  readonly localAddress: string | undefined

  readonly #socket: WebSocket
  readonly #stream: Duplex | undefined
  readonly #sendBufferSize: number
  #early: Uint8Array[] | null = []
  #needDrain = false
  #closed = false
  #error: Error | undefined
  #heartbeat: ReturnType<typeof setInterval> | undefined
  #heartbeatDeadline: ReturnType<typeof setTimeout> | undefined
  readonly #onFlushed = () => {
    if (!this.#needDrain || this.#closed) return
    this.#needDrain = false
    this.emit('drain')
  }

  constructor(socket: WebSocket, init: WsConnectionInit) {
    super()
    this.#socket = socket
    this.subprotocol = init.subprotocol
    this.remoteAddress = init.remoteAddress
    this.localAddress = init.localAddress
    this.#sendBufferSize = init.sendBufferSize
    this.#stream = init.stream
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary))
    socket.on('error', (error) => {
      this.#error ??= connectionError(error, this.remoteAddress)
    })
    socket.on('close', () => this.#onClose())
    if (init.heartbeatInterval > 0) this.#startHeartbeats(init.heartbeatInterval, init.heartbeatTimeout)
  }

  override on<K extends keyof ConnectionEventMap>(event: K, listener: ConnectionEventMap[K]): this {
    super.on(event, listener)
    // Deliver what arrived early after the caller's current task, once it has started its engine.
    if (event === 'data' && this.#early) queueMicrotask(() => this.#flushEarly())
    return this
  }

  write(chunk: Uint8Array): boolean {
    if (!this.#open()) return false
    return this.#sendLast(chunk)
  }

  writev(chunks: readonly Uint8Array[]): boolean {
    if (!this.#open()) return false
    const socket = this.#socket
    const last = chunks.length - 1
    // ws corks per message; our outer cork holds the whole batch for one writev.
    const stream = last > 0 ? this.#stream : undefined
    stream?.cork()
    try {
      for (let i = 0; i < last; i++) socket.send(chunks[i]!, BINARY)
      return this.#sendLast(chunks[last]!)
    } finally {
      stream?.uncork()
    }
  }

  pause(): void {
    this.#socket.pause()
  }

  resume(): void {
    this.#socket.resume()
  }

  close(): void {
    if (this.#closed) return
    // ws sends the close frame after what is queued; libzmq answers it and closes the TCP connection.
    this.#socket.close(1000)
  }

  destroy(error?: Error): void {
    if (this.#closed) return
    if (error) this.#error ??= error
    this.#socket.terminate()
  }

  #flushEarly(): void {
    const early = this.#early
    if (!early) return
    this.#early = null
    for (const message of early) {
      if (this.#closed) return
      this.emit('data', message)
    }
  }

  /** Sends the last chunk of a write; when it leaves the connection full, asks to hear when it left. */
  #sendLast(chunk: Uint8Array): boolean {
    const socket = this.#socket
    if (socket.bufferedAmount + chunk.length < this.#sendBufferSize) {
      socket.send(chunk, BINARY)
      return true
    }
    this.#needDrain = true
    socket.send(chunk, BINARY, this.#onFlushed)
    return false
  }

  #open(): boolean {
    return !this.#closed && this.#socket.readyState === this.#socket.OPEN
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    this.#touch()
    if (!isBinary) {
      this.destroy(
        new ProtocolError(ErrorCode.MalformedFrame, `${this.remoteAddress}: text frame (ZWS is binary only)`),
      )
      return
    }
    // With binaryType 'nodebuffer', ws joins any fragments: data is always one Buffer.
    const message = data as Buffer
    if (this.#early) {
      if (this.#early.length >= MAX_EARLY_MESSAGES) {
        this.destroy(
          new ProtocolError(ErrorCode.MalformedFrame, 'too many messages before the session started'),
        )
        return
      }
      this.#early.push(message)
      return
    }
    this.emit('data', message)
  }

  #startHeartbeats(interval: number, timeout: number): void {
    const socket = this.#socket
    socket.on('pong', () => this.#touch())
    socket.on('ping', () => this.#touch())
    this.#heartbeat = setInterval(() => {
      if (this.#socket.readyState !== this.#socket.OPEN) return
      socket.ping()
      if (this.#heartbeatDeadline !== undefined) return
      this.#heartbeatDeadline = setTimeout(() => {
        this.destroy(
          new TimeoutError(ErrorCode.HeartbeatTimeout, `${this.remoteAddress}: no pong within ${timeout} ms`),
        )
      }, timeout)
      unrefTimer(this.#heartbeatDeadline)
    }, interval)
    // The connection's own socket decides whether it keeps the process alive; its keep-alive never does.
    unrefTimer(this.#heartbeat)
  }

  /** Anything from the peer proves it alive. */
  #touch(): void {
    if (this.#heartbeatDeadline === undefined) return
    clearTimeout(this.#heartbeatDeadline)
    this.#heartbeatDeadline = undefined
  }

  #onClose(): void {
    if (this.#closed) return
    this.#closed = true
    this.#early = null
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat)
    this.#touch()
    this.emit('close', this.#error)
  }
}
