import {
  type Connection,
  Engine,
  type EngineHandler,
  type EngineOptions,
  type Framing,
  type PeerInfo,
  type ZmtpError,
} from '@zmtp/core'
import { holdProcess } from './lifetime.js'
import { type Message, receivedChunk } from './message.js'
import type { Carrier, Pipe } from './pipe.js'
import { nextTurn } from './util/next-turn.js'

/** Encoded output above this is written at once rather than at the end of the burst. */
const FLUSH_THRESHOLD = 64 * 1024
/**
 * Fair input: after this many frames, or this many bytes, received since the connection last yielded,
 * it stops reading until the next turn of the event loop, so one flooding peer holds the others for a
 * few milliseconds at most. Measured: 4,096 small frames take about 1-2 ms to decode and queue here.
 */
const SLICE_FRAMES = 4096
const SLICE_BYTES = 4 * 1024 * 1024
/**
 * Bytes the engine may write on its own (PONGs, subscriptions, handshake commands) while the transport
 * is full before reading stops until it drains: a peer that never reads stalls only itself.
 */
const BLOCKED_OUTPUT_LIMIT = 1024 * 1024

/** Why reading is paused; reading resumes once no reason is left. */
enum Hold {
  /** The pipe's inbound queue is at its high-water mark. */
  Queue = 1,
  /** This connection used up its slice of the current turn. */
  Slice = 2,
  /** The peer is not reading what we write. */
  Output = 4,
}

/** What a session reports to whoever started it (a connecter or an acceptor). */
export interface SessionEvents {
  /** The handshake finished. Return the pipe to carry, or null to refuse the peer (the session closes). */
  handshake(session: Session, peer: PeerInfo): Pipe | null
  /** The connection is gone. `error` says why; `handshaken` tells whether the handshake had finished. */
  closed(session: Session, error: Error | undefined, handshaken: boolean): void
}

/**
 * One connection of a socket: a transport connection, the protocol engine that speaks ZMTP on it, and
 * the pipe whose messages it carries. It moves outbound messages into the engine while the transport
 * accepts them, and stops reading when the pipe's inbound queue is full.
 */
export class Session implements Carrier, EngineHandler {
  readonly engine: Engine
  #pipe: Pipe | null = null
  #writable = true
  #pulling = false
  #closed = false
  #handshaken = false
  #lingering = false
  #lingerTimer: ReturnType<typeof setTimeout> | undefined
  /** Lets the process go once a lingering close is over (see lifetime.ts). */
  #releaseLinger: (() => void) | undefined
  #holds = 0
  #sliceFrames = 0
  #sliceBytes = 0
  /** Bytes handed to the transport since it last said its buffer is full. */
  #blockedBytes = 0

  constructor(
    readonly connection: Connection,
    engineOptions: Omit<EngineOptions, 'framing' | 'peerAddress'>,
    readonly events: SessionEvents,
  ) {
    // A transport with its own keep-alive (WebSocket ping/pong) replaces ZMTP PINGs on its connections.
    const heartbeats = connection.kind === 'message' && connection.transportHeartbeats
    // Object.assign onto a new literal, not a spread: V8 gives an object made by spreading and then adding
    // properties a hidden class of its own (about 500 bytes kept per connection); this one shares its
    // hidden class with every other connection's.
    this.engine = new Engine(
      Object.assign(
        {},
        engineOptions,
        defaultHeartbeats(engineOptions, connection),
        heartbeats ? { heartbeatInterval: 0 } : undefined,
        { framing: framingOf(connection), peerAddress: connection.remoteAddress },
      ),
      this,
    )
    // Where the transport allows it, large frame bodies are read straight into place, in large reads.
    // Bound, not wrapped: the transport asks before every read.
    if (connection.kind === 'stream') connection.readInto?.(this.engine.readTarget.bind(this.engine))
    connection.on('data', this.#receive)
    connection.on('drain', () => {
      this.#writable = true
      this.#blockedBytes = 0
      this.#release(Hold.Output)
      this.engine.drained()
      this.pull()
    })
    connection.on('close', (error) => this.#onClose(error))
  }

  get address(): string {
    return this.connection.remoteAddress
  }

  get handshaken(): boolean {
    return this.#handshaken
  }

  get pipe(): Pipe | null {
    return this.#pipe
  }

  start(): void {
    this.engine.start()
  }

  pull(): void {
    const pipe = this.#pipe
    if (this.#pulling || !pipe || !this.engine.ready) return
    this.#pulling = true
    try {
      while (this.#writable && !this.#closed) {
        const message = pipe.takeOutbound()
        if (message === undefined) break
        if (this.engine.send(message) >= FLUSH_THRESHOLD) this.engine.flush()
      }
    } finally {
      this.#pulling = false
    }
    if (this.#lingering && pipe.outbound.length === 0) this.close()
  }

  sendNow(message: Message): boolean {
    // Handshaken and not closed is the engine's `ready`, without the call.
    if (this.#pulling || !this.#writable || this.#closed || !this.#handshaken) return false
    if (this.engine.send(message) >= FLUSH_THRESHOLD) this.engine.flush()
    return true
  }

  sendSubscription(subscribe: boolean, topic: Uint8Array): void {
    this.engine.sendSubscription(subscribe, topic)
  }

  setReading(reading: boolean): void {
    if (reading) this.#release(Hold.Queue)
    else this.#hold(Hold.Queue)
  }

  /** Whether everything handed to this session has left for the transport. */
  get idle(): boolean {
    return (this.#pipe === null || this.#pipe.outbound.length === 0) && this.engine.pendingOutput === 0
  }

  /** Flushes and closes the connection gracefully. */
  close(): void {
    if (this.#closed) return
    this.engine.close()
    this.connection.close()
    this.#onClose(undefined)
  }

  /** Closes at once, dropping unsent data. */
  destroy(error?: Error): void {
    if (this.#closed) return
    this.connection.destroy(error)
    this.#onClose(error)
  }

  /**
   * Closes once the pipe's queued messages have left (ZMQ_LINGER): at once when `linger` is 0, after at
   * most `linger` ms otherwise, or whenever they have left when it is negative (infinite).
   */
  closeWhenIdle(linger: number): void {
    if (this.#closed) return
    if (linger === 0 || this.idle || !this.engine.ready) {
      if (linger === 0) this.destroy()
      else this.close()
      return
    }
    this.#lingering = true
    // Queued messages still leaving keep the process alive, as a closing zeromq.js socket does.
    this.#releaseLinger = holdProcess()
    if (linger > 0) this.#lingerTimer = setTimeout(() => this.destroy(), linger)
  }

  // The engine's handler is the session itself: five closures and an object per connection were about
  // 350 bytes kept for the connection's life.

  /** EngineHandler: encoded bytes to write. The whole of the write path, here: it runs per message. */
  write(chunks: Uint8Array[]): boolean {
    if (this.#closed) return true
    if (!this.#writable) this.#noteBlocked(chunks)
    this.#writable = this.connection.writev(chunks)
    return this.#writable
  }

  /** EngineHandler: the handshake is done. */
  handshake(peer: PeerInfo): void {
    this.#onHandshake(peer)
  }

  /** EngineHandler: a whole message arrived. */
  message(frames: Uint8Array[]): void {
    this.#pipe?.deliver(frames)
  }

  /** EngineHandler: the peer subscribed or cancelled. */
  subscription(subscribe: boolean, topic: Uint8Array): void {
    this.#pipe?.deliverSubscription(subscribe, topic)
  }

  /** EngineHandler: the connection must close. */
  error(error: ZmtpError): void {
    this.#onEngineError(error)
  }

  /** Every chunk read. An arrow, given to the connection as it is: a frame less per read. */
  readonly #receive = (chunk: Uint8Array): void => {
    this.#sliceFrames += this.engine.receive(receivedChunk(chunk))
    this.#sliceBytes += chunk.length
    if (this.#sliceFrames < SLICE_FRAMES && this.#sliceBytes < SLICE_BYTES) return
    if (this.#closed || this.#holds & Hold.Slice) return
    this.#hold(Hold.Slice)
    nextTurn(this.#nextSlice)
  }

  readonly #nextSlice = (): void => {
    this.#sliceFrames = 0
    this.#sliceBytes = 0
    this.#release(Hold.Slice)
  }

  /** Output handed to a transport that said it is full: past a limit, reading stops until it drains. */
  #noteBlocked(chunks: Uint8Array[]): void {
    for (const chunk of chunks) this.#blockedBytes += chunk.length
    if (this.#blockedBytes > BLOCKED_OUTPUT_LIMIT) this.#hold(Hold.Output)
  }

  #hold(reason: Hold): void {
    if (this.#holds === 0) this.connection.pause()
    this.#holds |= reason
  }

  #release(reason: Hold): void {
    if ((this.#holds & reason) === 0) return
    this.#holds &= ~reason
    if (this.#holds === 0 && !this.#closed) this.connection.resume()
  }

  #onHandshake(peer: PeerInfo): void {
    this.#handshaken = true
    const pipe = this.events.handshake(this, peer)
    if (!pipe) {
      this.close()
      return
    }
    // A handshake listener that closed the socket closed this session too, before the pipe was ours to end.
    if (this.#closed) {
      pipe.terminate()
      return
    }
    this.#pipe = pipe
    pipe.attach(this, peer)
  }

  #onEngineError(error: ZmtpError): void {
    this.connection.destroy(error)
    this.#onClose(error)
  }

  #onClose(error?: Error): void {
    if (this.#closed) return
    this.#closed = true
    if (this.#lingerTimer !== undefined) clearTimeout(this.#lingerTimer)
    this.#releaseLinger?.()
    this.engine.close()
    this.#pipe?.detach(this)
    this.events.closed(this, error, this.#handshaken)
  }
}

function framingOf(connection: Connection): Framing {
  if (connection.kind === 'stream') return 'stream'
  return connection.subprotocol === 'ZWS2.0' ? 'message-legacy' : 'message'
}

/**
 * Heartbeats a transport asks for (`defaultHeartbeatInterval`, WebRTC) when the socket sets none; the
 * timeout then defaults to the interval, as ZMQ_HEARTBEAT_TIMEOUT does.
 */
function defaultHeartbeats(
  options: Omit<EngineOptions, 'framing' | 'peerAddress'>,
  connection: Connection,
): Partial<EngineOptions> {
  const interval = connection.defaultHeartbeatInterval
  if (!interval || (options.heartbeatInterval ?? 0) > 0) return {}
  return { heartbeatInterval: interval, heartbeatTimeout: options.heartbeatTimeout || interval }
}
