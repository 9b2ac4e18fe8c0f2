import {
  type ConnectionEventMap,
  Emitter,
  ErrorCode,
  type StreamConnection,
  TransportError,
} from '@zmtp/core'
import { DRAIN_POLL_MS } from '../defaults.js'
import { closePeer } from './close-peer.js'
import { Inbox } from './inbox.js'
import { Outbox } from './outbox.js'

export interface ChannelConnectionInit {
  remoteAddress: string
  localAddress: string
  /** Octets queued in the channel above which `write` returns false. */
  sendBufferSize: number
  /** Octets held while paused before the connection gives up. */
  receiveBufferLimit: number
  /** ZMTP heartbeat interval asked of sockets that set none, in ms (0: none). */
  heartbeatInterval: number
  /** Called once, when the peer connection has been closed (for leak accounting and cleanup). */
  onEnd?: () => void
}

/** How long a graceful close may wait for the peer to close its side before we close anyway, in ms. */
const CLOSE_GRACE_MS = 5_000
/** What `close()` sends last: ZMTP never produces an empty chunk, so an empty message can only mean this. */
const END_MARKER = new Uint8Array(0)

/**
 * A {@link StreamConnection} over one ordered, reliable `RTCDataChannel`: the ZMTP byte stream cut into
 * messages of at most 16 KiB ({@link Outbox}). It owns its `RTCPeerConnection` and closes it when the
 * connection ends, however it ends: a `failed` or `closed` connection state ends it at once.
 */
export class ChannelConnection extends Emitter<ConnectionEventMap> implements StreamConnection {
  readonly kind = 'stream'
  readonly remoteAddress: string
  readonly localAddress: string
  readonly defaultHeartbeatInterval: number | undefined

  readonly #peer: RTCPeerConnection
  readonly #channel: RTCDataChannel
  readonly #sendBufferSize: number
  readonly #outbox: Outbox
  readonly #inbox: Inbox
  readonly #onEnd: (() => void) | undefined
  #full = false
  /**
   * At least the channel's `bufferedAmount`: its last reading plus what was sent since (it only grows by
   * what we send). Below the cap, `write` need not ask the channel, a native call in Node, at all.
   */
  #queuedBound = 0
  #pollTimer: ReturnType<typeof setTimeout> | undefined
  #closing = false
  #closeTimer: ReturnType<typeof setTimeout> | undefined
  #closed = false
  #error: Error | undefined

  constructor(peer: RTCPeerConnection, channel: RTCDataChannel, init: ChannelConnectionInit) {
    super()
    this.#peer = peer
    this.#channel = channel
    this.remoteAddress = init.remoteAddress
    this.localAddress = init.localAddress
    this.defaultHeartbeatInterval = init.heartbeatInterval || undefined
    this.#sendBufferSize = init.sendBufferSize
    this.#onEnd = init.onEnd
    this.#outbox = new Outbox((message) => this.#sendNow(message))
    this.#inbox = new Inbox(
      (chunk) => this.emit('data', chunk),
      init.receiveBufferLimit,
      () =>
        this.destroy(
          new TransportError(
            ErrorCode.ConnectionClosed,
            `${this.remoteAddress}: more than ${init.receiveBufferLimit} octets arrived while the receive queue was full`,
          ),
        ),
    )
    channel.binaryType = 'arraybuffer'
    channel.bufferedAmountLowThreshold = Math.floor(this.#sendBufferSize / 4)
    channel.onmessage = (event) => this.#onMessage(event.data)
    channel.onbufferedamountlow = () => this.#checkDrain()
    // The peer closed (after our end marker, when we are closing), or went away.
    channel.onclose = () => this.#end()
    channel.onerror = (event) => {
      const reason = (event as RTCErrorEvent).error?.message ?? 'data channel error'
      this.#error ??= new TransportError(ErrorCode.ConnectionClosed, `${this.remoteAddress}: ${reason}`)
    }
    peer.onconnectionstatechange = () => {
      const state = peer.connectionState
      if (state === 'failed') {
        this.destroy(
          new TransportError(ErrorCode.ConnectionClosed, `${this.remoteAddress}: peer connection failed`),
        )
      } else if (state === 'closed') {
        this.#end()
      }
    }
  }

  override on<K extends keyof ConnectionEventMap>(event: K, listener: ConnectionEventMap[K]): this {
    super.on(event, listener)
    // What arrived before the session listened goes out once it has (after its current task).
    if (event === 'data') queueMicrotask(() => this.#inbox.start())
    return this
  }

  write(chunk: Uint8Array): boolean {
    if (this.#closed || this.#closing) return false
    this.#outbox.add(chunk)
    this.#outbox.written()
    return this.#checkFull()
  }

  writev(chunks: readonly Uint8Array[]): boolean {
    if (this.#closed || this.#closing) return false
    for (const chunk of chunks) this.#outbox.add(chunk)
    this.#outbox.written()
    return this.#checkFull()
  }

  pause(): void {
    this.#inbox.pause()
  }

  resume(): void {
    this.#inbox.resume()
  }

  /**
   * Sends what was written, then an empty message, the end marker: the channel is ordered, so when the
   * peer reads it, it has read everything before it, and it closes the connection; that ends ours. A
   * data channel's own close cannot serve: its event may overtake messages still being delivered, and
   * the peer would lose the end of the stream. Without an answer within 5 s the connection closes anyway.
   */
  close(): void {
    if (this.#closed || this.#closing) return
    this.#closing = true
    this.#outbox.flush()
    this.#closeTimer = setTimeout(() => this.#end(), CLOSE_GRACE_MS)
    this.#sendNow(END_MARKER)
  }

  destroy(error?: Error): void {
    if (this.#closed) {
      // Still delivering what arrived before a clean end: destroy drops it and ends now.
      if (this.#inbox.holding) {
        this.#inbox.clear()
        this.emit('close', error)
      }
      return
    }
    if (error) this.#error ??= error
    this.#outbox.clear()
    this.#inbox.clear()
    this.#end()
  }

  #sendNow(message: Uint8Array): void {
    if (this.#closed || this.#channel.readyState !== 'open') return
    try {
      this.#channel.send(message as Uint8Array<ArrayBuffer>)
      this.#queuedBound += message.length
    } catch (error) {
      this.destroy(
        new TransportError(ErrorCode.ConnectionClosed, `${this.remoteAddress}: send failed`, {
          cause: error,
        }),
      )
    }
  }

  #checkFull(): boolean {
    const packed = this.#outbox.pending
    if (this.#queuedBound + packed < this.#sendBufferSize) return true
    this.#queuedBound = this.#channel.bufferedAmount
    if (this.#queuedBound + packed < this.#sendBufferSize) return true
    if (!this.#full) {
      this.#full = true
      this.#poll()
    }
    return false
  }

  /** The fallback for implementations where `bufferedamountlow` does not fire reliably. */
  #poll(): void {
    this.#pollTimer = setTimeout(() => {
      this.#pollTimer = undefined
      if (this.#closed || !this.#full) return
      this.#checkDrain()
      if (this.#full) this.#poll()
    }, DRAIN_POLL_MS)
  }

  #checkDrain(): void {
    if (!this.#full || this.#closed) return
    const queued = this.#channel.bufferedAmount
    if (queued > this.#channel.bufferedAmountLowThreshold) return
    this.#queuedBound = queued
    this.#full = false
    if (this.#pollTimer !== undefined) clearTimeout(this.#pollTimer)
    this.#pollTimer = undefined
    this.emit('drain')
  }

  #onMessage(data: unknown): void {
    if (this.#closed) return
    if (typeof data === 'string') {
      this.destroy(
        new TransportError(ErrorCode.MalformedFrame, `${this.remoteAddress}: text message on a ZMTP channel`),
      )
      return
    }
    const message = new Uint8Array(data as ArrayBuffer)
    this.#outbox.inputArrived()
    // The peer's end marker (see close()): everything it sent has arrived.
    if (message.length === 0) this.#end()
    else this.#inbox.push(message)
  }

  /**
   * Ends the connection once: closes the channel and the peer connection, and emits `close`. A clean end
   * first delivers what arrived while paused, as a TCP socket is read to its end; an error drops it.
   */
  #end(): void {
    if (this.#closed) return
    this.#closed = true
    if (this.#pollTimer !== undefined) clearTimeout(this.#pollTimer)
    if (this.#closeTimer !== undefined) clearTimeout(this.#closeTimer)
    this.#channel.onmessage = null
    this.#channel.onbufferedamountlow = null
    this.#channel.onclose = null
    this.#channel.onerror = null
    this.#peer.onconnectionstatechange = null
    this.#peer.onicecandidate = null
    // The channel first, then the peer connection (see closePeer). `close` does not wait for that: the
    // session must learn at once that writes no longer go anywhere, so it keeps what it has not sent for
    // the next connection and reconnects without a round trip's delay.
    closePeer(this.#peer, this.#channel, this.#onEnd)
    if (this.#error) {
      this.#inbox.clear()
      this.emit('close', this.#error)
    } else {
      this.#inbox.whenEmpty(() => this.emit('close', undefined))
    }
  }
}
