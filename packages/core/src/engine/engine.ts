import {
  type Command,
  CommandName,
  decodeCommand,
  decodePing,
  encodeCancel,
  encodePing,
  encodePong,
  encodeSubscribe,
  encodeSubscriptionMessage,
} from '../codec/command.js'
import { FrameFlags } from '../codec/frame.js'
import { FrameDecoder } from '../codec/frame-decoder.js'
import { encodeGreeting, GreetingDecoder } from '../codec/greeting.js'
import { type Metadata, metadataText, Property } from '../codec/metadata.js'
import { ErrorCode, ProtocolError, TimeoutError, ZmtpError } from '../errors.js'
import type { Mechanism, MechanismHandshake } from '../mechanisms/mechanism.js'
import { nullMechanism } from '../mechanisms/null-mechanism.js'
import { isCompatible, type SocketType, sendsIdentity } from '../socket-types.js'
import { copyBytes, EMPTY } from '../util/bytes.js'
import { OutputBuffer, zwsFlags } from './output-buffer.js'
import { scheduleMacrotask } from './schedule.js'

/** How the connection carries frames. */
export type Framing =
  /** A byte stream (TCP, IPC, WebRTC): ZMTP greeting, then frames with size headers. */
  | 'stream'
  /** ZWS 2.0 with a mechanism (`ZWS2.0/NULL`): one frame per message, the mechanism handshake, no greeting. */
  | 'message'
  /** ZWS 2.0 without a mechanism (`ZWS2.0`): one frame per message; each side first sends its routing id. */
  | 'message-legacy'

export interface EngineOptions {
  /** Our socket type, announced as `Socket-Type` and checked against the peer's. */
  socketType: SocketType
  framing?: Framing
  /** Security mechanism; NULL by default. */
  mechanism?: Mechanism
  /** Our routing id, sent as `Identity` by REQ, DEALER and ROUTER (ZMQ_ROUTING_ID). */
  routingId?: Uint8Array
  /** Extra READY properties, such as `X-*` application metadata (ZMQ_METADATA). */
  metadata?: Iterable<[string, Uint8Array | string]>
  /** Largest frame accepted, in octets (ZMQ_MAXMSGSIZE, checked per frame as libzmq does). */
  maxMessageSize?: number
  /** Time allowed for greeting and handshake, in ms; 0 disables (ZMQ_HANDSHAKE_IVL, default 30000). */
  handshakeInterval?: number
  /** Send a PING this often once connected, in ms; 0 disables (ZMQ_HEARTBEAT_IVL). */
  heartbeatInterval?: number
  /** TTL announced in our PINGs, in ms; the peer drops us after that much silence (ZMQ_HEARTBEAT_TTL). */
  heartbeatTimeToLive?: number
  /** Close when nothing arrives this long after a PING, in ms (ZMQ_HEARTBEAT_TIMEOUT; default: the interval). */
  heartbeatTimeout?: number
  /** The peer's address, given to the mechanism (authentication) and reported in events. */
  peerAddress?: string
  /** Announce ZMTP 3.0 instead of 3.1 in the greeting (for tests of legacy peers). */
  minorVersion?: number
  /**
   * Most parts one incoming message may have before the connection is dropped. libzmq has no such limit,
   * but without one a peer sending endless MORE frames would grow memory without bound. Default 1,000,000.
   */
  maxMessageParts?: number
}

/** What the engine learned about the peer during the handshake. */
export interface PeerInfo {
  /** The peer's `Socket-Type`, when it sent one (legacy ZWS sends none). */
  socketType?: string
  /** The peer's routing id (`Identity` property, or the first ZWS legacy message); empty when none. */
  routingId: Uint8Array
  /** Every property the peer sent. */
  metadata: Metadata
  /** Greeting minor version: 0 for a ZMTP 3.0 peer. */
  minor: number
  mechanism: string
  /** The identity an authenticating mechanism established, if any. */
  userId?: string
}

/** The engine's outputs. Every call happens outside `receive`'s caller only through these. */
export interface EngineHandler {
  /** Chunks to write, in order (stream: bytes; message framing: one ZWS message each). */
  write(chunks: Uint8Array[]): void
  /** The handshake finished: messages may flow. */
  handshake(peer: PeerInfo): void
  /** A whole message arrived (frames may be views into received chunks). */
  message(frames: Uint8Array[]): void
  /** The peer sent a SUBSCRIBE or CANCEL command (data-form subscriptions arrive as messages). */
  subscription(subscribe: boolean, topic: Uint8Array): void
  /** The connection must close: protocol error, timeout. Called once; the engine is stopped after it. */
  error(error: ZmtpError): void
}

enum Phase {
  Greeting = 0,
  Handshake = 1,
  Ready = 2,
  Closed = 3,
}

const DEFAULT_HANDSHAKE_INTERVAL = 30_000
const DEFAULT_MAX_PARTS = 1_000_000
/** Frames buffered while an asynchronous authentication step is pending, at most. */
const MAX_HELD_FRAMES = 64

/**
 * The protocol engine of one connection: a state machine with no I/O of its own. Feed it received
 * bytes or messages with `receive`; it calls its handler with bytes to write, the peer's identity once
 * the handshake is done, whole messages, subscriptions and errors. It runs the greeting, the mechanism
 * handshake (with a deadline), heartbeats, atomic multipart assembly and batched output.
 */
export class Engine {
  readonly #options: EngineOptions
  readonly #handler: EngineHandler
  readonly #framing: Framing
  readonly #mechanism: Mechanism
  readonly #output = new OutputBuffer()
  /** Only while a stream greeting is arriving: idle connections should not keep it. */
  #greeting: GreetingDecoder | null = null
  readonly #decoder: FrameDecoder
  readonly #maxParts: number
  #phase = Phase.Greeting
  #handshake: MechanismHandshake | null = null
  #peer: PeerInfo | null = null
  #peerMinor = 1
  #parts: Uint8Array[] = []
  #flushScheduled = false
  /** Set by a write that went out at once, until the macrotask after it: later writes are batched. */
  #burst = false
  #held: [number, Uint8Array][] | null = null
  #handshakeTimer: ReturnType<typeof setTimeout> | undefined
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined
  #timeoutTimer: ReturnType<typeof setTimeout> | undefined
  #ttlTimer: ReturnType<typeof setTimeout> | undefined

  constructor(options: EngineOptions, handler: EngineHandler) {
    this.#options = options
    this.#handler = handler
    this.#framing = options.framing ?? 'stream'
    this.#mechanism = options.mechanism ?? nullMechanism
    this.#maxParts = options.maxMessageParts ?? DEFAULT_MAX_PARTS
    this.#decoder = new FrameDecoder((flags, body) => this.#onFrame(flags, body), {
      maxFrameSize: options.maxMessageSize,
    })
  }

  /** The peer, once the handshake is done. */
  get peer(): PeerInfo | null {
    return this.#peer
  }

  /** True once messages may be sent. */
  get ready(): boolean {
    return this.#phase === Phase.Ready
  }

  get closed(): boolean {
    return this.#phase === Phase.Closed
  }

  /** Octets encoded but not yet handed to `write`. */
  get pendingOutput(): number {
    return this.#output.pending
  }

  /** Starts the protocol: sends our greeting (or, over ZWS, the first handshake message). */
  start(): void {
    const interval = this.#options.handshakeInterval ?? DEFAULT_HANDSHAKE_INTERVAL
    if (interval > 0) {
      this.#handshakeTimer = setTimeout(() => {
        this.#fail(
          new TimeoutError(ErrorCode.HandshakeTimeout, `handshake not finished within ${interval} ms`),
        )
      }, interval)
    }
    switch (this.#framing) {
      case 'stream':
        this.#output.writeRaw(
          encodeGreeting({
            mechanism: this.#mechanism.name,
            asServer: this.#mechanism.asServer,
            minor: this.#options.minorVersion ?? 1,
          }),
        )
        break
      case 'message':
        this.#phase = Phase.Handshake
        this.#startMechanism()
        break
      case 'message-legacy':
        this.#phase = Phase.Handshake
        this.#output.writeMessage(0, this.#options.routingId ?? EMPTY)
        break
    }
    this.flush()
  }

  /** Feeds received bytes (stream) or one received message (message framing). Never throws. */
  receive(chunk: Uint8Array): void {
    if (this.#phase === Phase.Closed) return
    this.#clearTimer('timeout')
    this.#clearTimer('ttl')
    try {
      if (this.#framing === 'stream') this.#receiveStream(chunk)
      else this.#receiveMessage(chunk)
    } catch (error) {
      this.#fail(asZmtpError(error))
    }
  }

  /** Encodes one message for sending. Only valid once `ready`. */
  send(frames: readonly Uint8Array[]): void {
    if (this.#phase !== Phase.Ready) {
      if (this.#phase === Phase.Closed) return
      throw new ProtocolError(ErrorCode.ConnectionClosed, 'cannot send before the handshake is done')
    }
    const last = frames.length - 1
    for (let i = 0; i <= last; i++) this.#writeFrame(i < last ? FrameFlags.More : 0, frames[i]!)
    this.#scheduleFlush()
  }

  /**
   * Sends a subscription in the form the peer needs: a SUBSCRIBE/CANCEL command to a ZMTP 3.1 peer, the
   * legacy `0x01`/`0x00` data message to a ZMTP 3.0 peer and over WebSocket (libzmq ignores the commands there).
   */
  sendSubscription(subscribe: boolean, topic: Uint8Array): void {
    if (this.#phase !== Phase.Ready) return
    if (this.#framing === 'stream' && this.#peerMinor >= 1) {
      this.#writeFrame(FrameFlags.Command, subscribe ? encodeSubscribe(topic) : encodeCancel(topic))
    } else {
      this.#writeFrame(0, encodeSubscriptionMessage(subscribe, topic))
    }
    this.#scheduleFlush()
  }

  /** Sends a PING now (heartbeats send their own; this is for tests and tools). */
  ping(context: Uint8Array = EMPTY): void {
    if (this.#phase !== Phase.Ready) return
    this.#sendPing(context)
  }

  /** Hands everything encoded so far to the handler's `write`. */
  flush(): void {
    this.#flushScheduled = false
    if (this.#phase === Phase.Closed || this.#output.pending === 0) return
    this.#handler.write(this.#output.take())
  }

  /** Stops timers and ignores all later input. Pending output is flushed first. */
  close(): void {
    if (this.#phase === Phase.Closed) return
    this.flush()
    this.#stop()
  }

  // --- input ---------------------------------------------------------------------------------------

  #receiveStream(chunk: Uint8Array): void {
    let offset = 0
    if (this.#phase === Phase.Greeting) {
      this.#greeting ??= new GreetingDecoder()
      offset = this.#greeting.push(chunk)
      const greeting = this.#greeting.greeting
      if (!greeting) return
      this.#greeting = null
      if (greeting.mechanism !== this.#mechanism.name) {
        throw new ProtocolError(
          ErrorCode.MechanismMismatch,
          `peer uses mechanism ${JSON.stringify(greeting.mechanism)}, we use ${this.#mechanism.name}`,
        )
      }
      this.#peerMinor = greeting.major > 3 ? 1 : greeting.minor
      this.#phase = Phase.Handshake
      this.#startMechanism()
      this.flush()
      if (offset === chunk.length) return
    }
    this.#decoder.push(offset === 0 ? chunk : chunk.subarray(offset))
  }

  #receiveMessage(message: Uint8Array): void {
    if (message.length === 0) {
      throw new ProtocolError(
        ErrorCode.MalformedFrame,
        'empty WebSocket message (a ZWS frame needs its flags octet)',
      )
    }
    const size = message.length - 1
    const max = this.#options.maxMessageSize
    if (max !== undefined && size > max) {
      throw new ProtocolError(
        ErrorCode.FrameTooLarge,
        `frame of ${size} octets exceeds the maximum of ${max}`,
      )
    }
    const zws = message[0]!
    const flags = (zws & 0x01 ? FrameFlags.More : 0) | (zws & 0x02 ? FrameFlags.Command : 0)
    this.#onFrame(flags, message.subarray(1))
  }

  #onFrame(flags: number, body: Uint8Array): void {
    if (this.#phase === Phase.Closed) return
    if (this.#held) {
      if (this.#held.length >= MAX_HELD_FRAMES) {
        throw new ProtocolError(ErrorCode.MalformedCommand, 'peer kept sending during authentication')
      }
      this.#held.push([flags, body])
      return
    }
    if (this.#phase === Phase.Handshake) {
      this.#onHandshakeFrame(flags, body)
      return
    }
    const unwrap = this.#handshake?.unwrap
    if (unwrap) ({ flags, body } = unwrap.call(this.#handshake, flags, body))
    if (flags & FrameFlags.Command) {
      this.#onCommand(decodeCommand(body))
      return
    }
    const parts = this.#parts
    parts.push(body)
    if (flags & FrameFlags.More) {
      if (parts.length >= this.#maxParts) {
        throw new ProtocolError(ErrorCode.MalformedFrame, `message has more than ${this.#maxParts} parts`)
      }
      return
    }
    this.#parts = []
    this.#handler.message(parts)
  }

  #onHandshakeFrame(flags: number, body: Uint8Array): void {
    if (this.#framing === 'message-legacy') {
      // ZWS2.0 without a mechanism: the peer's first message is its routing id, a single final frame.
      if (flags !== 0) throw new ProtocolError(ErrorCode.MalformedFrame, 'expected the peer routing id first')
      this.#completeHandshake(new Map(), copyBytes(body))
      return
    }
    if (!(flags & FrameFlags.Command)) {
      throw new ProtocolError(
        ErrorCode.MalformedCommand,
        'peer sent a message before finishing the handshake',
      )
    }
    const pending = this.#handshake!.receive(decodeCommand(body))
    if (pending) {
      this.#held = []
      pending.then(
        () => this.#releaseHeld(),
        (error: unknown) => this.#fail(asZmtpError(error)),
      )
    }
  }

  #releaseHeld(): void {
    const held = this.#held ?? []
    this.#held = null
    this.flush()
    try {
      for (const [flags, body] of held) this.#onFrame(flags, body)
    } catch (error) {
      this.#fail(asZmtpError(error))
    }
  }

  #onCommand(command: Command): void {
    switch (command.name) {
      case CommandName.Ping: {
        const ping = decodePing(command.data)
        this.#writeFrame(FrameFlags.Command, encodePong(ping.context))
        this.#scheduleFlush()
        if (ping.ttl > 0 && this.#ttlTimer === undefined) {
          const ttl = ping.ttl * 100
          this.#ttlTimer = setTimeout(() => {
            this.#ttlTimer = undefined
            this.#fail(new TimeoutError(ErrorCode.HeartbeatTimeout, `peer silent for its TTL of ${ttl} ms`))
          }, ttl)
        }
        break
      }
      case CommandName.Subscribe:
        this.#handler.subscription(true, command.data)
        break
      case CommandName.Cancel:
        this.#handler.subscription(false, command.data)
        break
      default:
        // PONG only proves liveness (any input does); libzmq drops unknown and late handshake commands.
        break
    }
  }

  // --- handshake -----------------------------------------------------------------------------------

  #startMechanism(): void {
    const options = this.#options
    const properties: [string, Uint8Array | string][] = [[Property.SocketType, options.socketType]]
    if (sendsIdentity(options.socketType)) properties.push([Property.Identity, options.routingId ?? EMPTY])
    if (options.metadata) for (const entry of options.metadata) properties.push(entry)
    this.#handshake = this.#mechanism.create({
      metadata: properties,
      peerMinor: this.#peerMinor,
      peerAddress: options.peerAddress ?? '',
      send: (commandBody) => this.#writeFrame(FrameFlags.Command, commandBody),
      checkPeerMetadata: (metadata) => this.#checkPeerMetadata(metadata),
      complete: (metadata, userId) => {
        this.#completeHandshake(metadata, copyOrEmpty(metadata.get(Property.Identity)), userId)
      },
    })
    this.#handshake.start()
  }

  #checkPeerMetadata(metadata: Metadata): void {
    const peerType = metadataText(metadata, Property.SocketType)
    // libzmq accepts a READY without Socket-Type; so do we.
    if (peerType !== undefined && !isCompatible(this.#options.socketType, peerType)) {
      throw new ProtocolError(
        ErrorCode.SocketTypeMismatch,
        `a ${this.#options.socketType} socket cannot talk to a ${peerType} peer`,
      )
    }
  }

  #completeHandshake(metadata: Metadata, routingId: Uint8Array, userId?: string): void {
    if (this.#phase !== Phase.Handshake) return
    this.#phase = Phase.Ready
    this.#clearTimer('handshake')
    this.#peer = {
      socketType: metadataText(metadata, Property.SocketType),
      routingId,
      metadata,
      minor: this.#peerMinor,
      mechanism: this.#framing === 'message-legacy' ? '' : this.#mechanism.name,
      userId,
    }
    this.#startHeartbeats()
    this.flush()
    this.#handler.handshake(this.#peer)
  }

  // --- heartbeats ----------------------------------------------------------------------------------

  #startHeartbeats(): void {
    const interval = this.#options.heartbeatInterval ?? 0
    if (interval <= 0) return
    this.#heartbeatTimer = setInterval(() => this.#sendPing(EMPTY), interval)
  }

  #sendPing(context: Uint8Array): void {
    const ttl = Math.floor((this.#options.heartbeatTimeToLive ?? 0) / 100)
    this.#writeFrame(FrameFlags.Command, encodePing(ttl, context))
    this.flush()
    if (this.#timeoutTimer === undefined) {
      const timeout = this.#options.heartbeatTimeout ?? this.#options.heartbeatInterval ?? 0
      if (timeout > 0) {
        this.#timeoutTimer = setTimeout(() => {
          this.#timeoutTimer = undefined
          this.#fail(
            new TimeoutError(ErrorCode.HeartbeatTimeout, `no traffic within ${timeout} ms of a PING`),
          )
        }, timeout)
      }
    }
  }

  // --- output and lifecycle ------------------------------------------------------------------------

  #writeFrame(flags: number, body: Uint8Array): void {
    const wrap = this.#phase === Phase.Ready ? this.#handshake?.wrap : undefined
    if (wrap) ({ flags, body } = wrap.call(this.#handshake, flags, body))
    if (this.#framing === 'stream') this.#output.writeFrame(flags, body)
    else this.#output.writeMessage(zwsFlags(flags), body)
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return
    this.#flushScheduled = true
    if (!this.#burst) {
      // The first message after a quiet spell (a request, a reply) leaves at once; what follows in the
      // same turn waits for the macrotask and leaves batched. One extra write per burst, at most.
      this.#burst = true
      this.flush()
      this.#flushScheduled = true
    }
    scheduleMacrotask(this.#endBurst)
  }

  readonly #endBurst = (): void => {
    this.#burst = false
    this.flush()
  }

  #fail(error: ZmtpError): void {
    if (this.#phase === Phase.Closed) return
    this.#stop()
    this.#handler.error(error)
  }

  #stop(): void {
    this.#phase = Phase.Closed
    this.#parts = []
    this.#held = null
    this.#clearTimer('handshake')
    this.#clearTimer('timeout')
    this.#clearTimer('ttl')
    if (this.#heartbeatTimer !== undefined) clearInterval(this.#heartbeatTimer)
    this.#heartbeatTimer = undefined
  }

  #clearTimer(which: 'handshake' | 'timeout' | 'ttl'): void {
    if (which === 'handshake' && this.#handshakeTimer !== undefined) {
      clearTimeout(this.#handshakeTimer)
      this.#handshakeTimer = undefined
    } else if (which === 'timeout' && this.#timeoutTimer !== undefined) {
      clearTimeout(this.#timeoutTimer)
      this.#timeoutTimer = undefined
    } else if (which === 'ttl' && this.#ttlTimer !== undefined) {
      clearTimeout(this.#ttlTimer)
      this.#ttlTimer = undefined
    }
  }
}

function asZmtpError(error: unknown): ZmtpError {
  if (error instanceof ZmtpError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new ProtocolError(ErrorCode.MalformedFrame, `unexpected failure: ${message}`, { cause: error })
}

function copyOrEmpty(bytes: Uint8Array | undefined): Uint8Array {
  return bytes === undefined ? EMPTY : copyBytes(bytes)
}
