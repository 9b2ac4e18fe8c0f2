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
import { type Metadata, metadataText, Property } from '../codec/metadata.js'
import { ErrorCode, ProtocolError, SocketError, ZmtpError } from '../errors.js'
import type { FlagsAndBody, Mechanism, MechanismHandshake } from '../mechanisms/mechanism.js'
import { nullMechanism } from '../mechanisms/null-mechanism.js'
import { isCompatible, sendsIdentity } from '../socket-types.js'
import { copyBytes, EMPTY } from '../util/bytes.js'
import { MessageAssembly } from './assembly.js'
import { Deadlines } from './deadlines.js'
import type { FramingStrategy } from './framing/framing.js'
import { createFraming } from './framing/select.js'
import type { EngineHandler, EngineOptions, PeerInfo } from './options.js'
import { OutputScheduler } from './output-scheduler.js'
import { keptMetadata, peerSocketType } from './peer-metadata.js'

enum Phase {
  /** Greeting (inside the framing) and mechanism handshake. */
  Handshake = 0,
  Ready = 1,
  Closed = 2,
}

type FrameTransform = (flags: number, body: Uint8Array) => FlagsAndBody

const DEFAULT_HANDSHAKE_INTERVAL = 30_000
/**
 * A body missing fewer octets than this is read into the transport's own memory and copied: a read
 * system call of its own would cost more than the copy.
 */
const DIRECT_READ_MINIMUM = 16 * 1024
/**
 * Reads asked for while frames of DIRECT_READ_MINIMUM and more flow: several such frames at a time, cut
 * to end where a frame ends when the frames keep their size.
 */
const LARGE_READ_SIZE = 256 * 1024
/** Frames buffered while an asynchronous authentication step is pending, at most. */
const MAX_HELD_FRAMES = 64

/**
 * The protocol engine of one connection: a state machine with no I/O of its own. Feed it received
 * bytes or messages with `receive`; it calls its handler with bytes to write, the peer's identity once
 * the handshake is done, whole messages, subscriptions and errors. It runs the mechanism handshake (with
 * a deadline), heartbeats, atomic multipart assembly and batched output; how frames look on the wire
 * (ZMTP greeting and size headers, or one ZWS message per frame) is its framing's business.
 */
export class Engine {
  readonly #options: EngineOptions
  readonly #handler: EngineHandler
  readonly #mechanism: Mechanism
  readonly #output: OutputScheduler
  readonly #framing: FramingStrategy
  readonly #deadlines: Deadlines
  #phase = Phase.Handshake
  #handshake: MechanismHandshake | null = null
  /** The mechanism's per-frame protection, bound once the handshake is done; null when it has none. */
  #wrap: FrameTransform | null = null
  #unwrap: FrameTransform | null = null
  #peer: PeerInfo | null = null
  #peerMinor = 1
  readonly #assembly: MessageAssembly
  #held: [number, Uint8Array][] | null = null
  /** The newest PING's context, while its PONG waits for the transport to drain. */
  #deferredPong: Uint8Array | null = null
  #framesReceived = 0

  constructor(options: EngineOptions, handler: EngineHandler) {
    this.#options = options
    this.#handler = handler
    this.#mechanism = options.mechanism ?? nullMechanism
    this.#assembly = new MessageAssembly(options.maxMessageParts, options.multipartBudget)
    this.#output = new OutputScheduler(handler)
    this.#deadlines = new Deadlines((error) => this.#fail(error))
    this.#framing = createFraming(
      options.framing ?? 'stream',
      {
        output: this.#output.buffer,
        startHandshake: (peerMinor) => this.#startHandshake(peerMinor),
        frame: this.#onFrame,
        complete: (metadata, routingId) => this.#completeHandshake(metadata, routingId),
      },
      {
        mechanism: this.#mechanism,
        routingId: options.routingId,
        maxMessageSize: options.maxMessageSize,
        minorVersion: options.minorVersion,
      },
    )
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

  /** Frames received so far: the session reads in slices of so many frames per turn of the event loop. */
  get framesReceived(): number {
    return this.#framesReceived
  }

  /** Octets encoded but not yet handed to `write`. */
  get pendingOutput(): number {
    return this.#output.pending
  }

  /** Starts the protocol: sends our greeting (or, over ZWS, the first handshake message). */
  start(): void {
    this.#deadlines.handshakeStarted(this.#options.handshakeInterval ?? DEFAULT_HANDSHAKE_INTERVAL)
    this.#framing.start()
    this.flush()
  }

  /**
   * Feeds received bytes (stream) or one received message (message framing). Never throws. Returns how
   * many frames it decoded (what {@link framesReceived} grew by), so a caller counting them needs no
   * second look.
   */
  receive(chunk: Uint8Array): number {
    if (this.#phase === Phase.Closed) return 0
    const before = this.#framesReceived
    const deadlines = this.#deadlines
    if (deadlines.awaitingInput) deadlines.inputArrived()
    this.#output.inputArrived()
    try {
      this.#framing.receive(chunk)
    } catch (error) {
      this.#fail(asZmtpError(error))
    }
    return this.#framesReceived - before
  }

  /**
   * Advice for the transport's next read (see `StreamConnection.readInto`): a view to read straight into
   * (the rest of a large frame body under assembly, sparing the copy `receive` would make; the bytes read
   * there must then be passed to `receive` as that same view), or, while large frames flow, a number:
   * reads of that many octets keep frames whole in one read (they end where a frame ends, as long as the
   * frames keep their size). Undefined: no preference (small reads keep the bursts of small messages, and
   * the memory they hold, short).
   */
  readTarget(): Uint8Array | number | undefined {
    if (this.#phase !== Phase.Ready) return undefined
    return this.#framing.readAdvice?.(DIRECT_READ_MINIMUM, LARGE_READ_SIZE)
  }

  /**
   * Encodes one message for sending. Only valid once `ready`: before that it throws a SocketError with code
   * `EFSM` (callers queue messages until the handshake is done); once closed it drops the message. Returns
   * the octets not yet written ({@link pendingOutput}), for a caller that flushes large batches early.
   */
  send(frames: readonly Uint8Array[]): number {
    if (this.#phase !== Phase.Ready) {
      if (this.#phase === Phase.Closed) return 0
      throw new SocketError(ErrorCode.WrongState, 'cannot send before the handshake is done')
    }
    const output = this.#output
    // In the clear (NULL, PLAIN), frames skip #writeFrame; over a byte stream, to the buffer whole.
    if (this.#wrap === null && this.#framing.framesAsIs === true) output.buffer.writeFrames(frames)
    else {
      const last = frames.length - 1
      for (let i = 0; i <= last; i++) {
        if (this.#wrap === null) this.#framing.write(i < last ? FrameFlags.More : 0, frames[i]!)
        else this.#writeFrame(i < last ? FrameFlags.More : 0, frames[i]!)
      }
    }
    output.schedule()
    return output.buffer.pending
  }

  /**
   * Sends a subscription in the form the peer needs: a SUBSCRIBE/CANCEL command to a ZMTP 3.1 peer, the
   * legacy `0x01`/`0x00` data message to a ZMTP 3.0 peer and over WebSocket (libzmq ignores the commands there).
   */
  sendSubscription(subscribe: boolean, topic: Uint8Array): void {
    if (this.#phase !== Phase.Ready) return
    if (this.#framing.subscriptionCommands) {
      this.#writeFrame(FrameFlags.Command, subscribe ? encodeSubscribe(topic) : encodeCancel(topic))
    } else {
      this.#writeFrame(0, encodeSubscriptionMessage(subscribe, topic))
    }
    this.#output.schedule()
  }

  /** Sends a PING now (heartbeats send their own; this is for tests and tools). */
  ping(context: Uint8Array = EMPTY): void {
    if (this.#phase !== Phase.Ready) return
    this.#sendPing(context)
  }

  /** The transport's buffer has room again (after `write` returned false): a deferred PONG goes out. */
  drained(): void {
    this.#output.writable = true
    const context = this.#deferredPong
    if (context === null || this.#phase !== Phase.Ready) return
    this.#deferredPong = null
    this.#writeFrame(FrameFlags.Command, encodePong(context))
    this.#output.schedule()
  }

  /** Hands everything encoded so far to the handler's `write`. */
  flush(): void {
    this.#output.flush()
  }

  /** Stops timers and ignores all later input. Pending output is flushed first. */
  close(): void {
    if (this.#phase === Phase.Closed) return
    this.flush()
    this.#stop()
  }

  // --- input ---------------------------------------------------------------------------------------

  /** Every decoded frame. An arrow, handed to the framing as it is: a frame less per frame received. */
  readonly #onFrame = (flags: number, body: Uint8Array): void => {
    if (this.#phase === Phase.Closed) return
    this.#framesReceived++
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
    const unwrap = this.#unwrap
    if (unwrap !== null) [flags, body] = unwrap(flags, body)
    if (flags & FrameFlags.Command) {
      this.#onCommand(decodeCommand(body))
      return
    }
    const message = this.#assembly.add(body, (flags & FrameFlags.More) !== 0)
    if (message !== undefined) this.#handler.message(message)
  }

  #onHandshakeFrame(flags: number, body: Uint8Array): void {
    const handshake = this.#handshake
    if (!(flags & FrameFlags.Command) || handshake === null) {
      throw new ProtocolError(
        ErrorCode.MalformedCommand,
        'peer sent a message before finishing the handshake',
      )
    }
    const pending = handshake.receive(decodeCommand(body))
    // A handshake answers commands (PLAIN and CURVE send INITIATE on WELCOME): write the answer now, or
    // it would wait for output that may never come.
    if (!pending) this.flush()
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
        this.#deadlines.peerPinged(ping.ttl * 100)
        // A peer that floods PINGs and never reads gets one PONG per drain, not one per PING (libzmq
        // likewise keeps a single pending PONG).
        if (!this.#output.writable) {
          this.#deferredPong = copyBytes(ping.context)
          break
        }
        this.#writeFrame(FrameFlags.Command, encodePong(ping.context))
        this.#output.schedule()
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

  #startHandshake(peerMinor: number): void {
    this.#peerMinor = peerMinor
    const options = this.#options
    const properties: [string, Uint8Array | string][] = [[Property.SocketType, options.socketType]]
    if (sendsIdentity(options.socketType)) properties.push([Property.Identity, options.routingId ?? EMPTY])
    if (options.metadata) for (const entry of options.metadata) properties.push(entry)
    this.#handshake = this.#mechanism.create({
      metadata: properties,
      peerMinor,
      peerAddress: options.peerAddress ?? '',
      send: (commandBody) => this.#writeFrame(FrameFlags.Command, commandBody),
      checkPeerMetadata: (metadata) => this.#checkPeerMetadata(metadata),
      complete: (metadata, userId) => {
        this.#completeHandshake(metadata, copyOrEmpty(metadata.get(Property.Identity)), userId)
      },
    })
    this.#handshake.start()
    this.flush()
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

  #completeHandshake(received: Metadata, routingId: Uint8Array, userId?: string): void {
    if (this.#phase !== Phase.Handshake) return
    const metadata = keptMetadata(received)
    this.#phase = Phase.Ready
    this.#deadlines.handshakeDone()
    // Decided once here, so that frames in the clear (NULL, PLAIN) pay nothing for protection per frame.
    const handshake = this.#handshake
    if (handshake?.wrap) this.#wrap = handshake.wrap.bind(handshake)
    if (handshake?.unwrap) this.#unwrap = handshake.unwrap.bind(handshake)
    // Nothing asks the handshake anything once it is done: an idle connection should not keep it (nor the
    // closures and properties it holds). A mechanism that protects frames stays reachable through them.
    this.#handshake = null
    this.#peer = {
      socketType: peerSocketType(metadata),
      routingId,
      metadata,
      minor: this.#peerMinor,
      mechanism: this.#framing.mechanismName,
      userId,
    }
    this.#deadlines.startHeartbeats(this.#options.heartbeatInterval ?? 0, () => this.#sendPing(EMPTY))
    this.flush()
    // The handshake's slab is mostly unused room; a connection that stays idle should not keep it.
    this.#output.buffer.release()
    this.#handler.handshake(this.#peer)
  }

  // --- output and lifecycle ------------------------------------------------------------------------

  #sendPing(context: Uint8Array): void {
    const options = this.#options
    const ttl = Math.floor((options.heartbeatTimeToLive ?? 0) / 100)
    this.#writeFrame(FrameFlags.Command, encodePing(ttl, context))
    this.flush()
    this.#deadlines.pingSent(options.heartbeatTimeout ?? options.heartbeatInterval ?? 0)
  }

  /** Every outgoing frame passes here: handshake commands, data, subscriptions, PING and PONG. */
  #writeFrame(flags: number, body: Uint8Array): void {
    const wrap = this.#wrap
    if (wrap !== null) [flags, body] = wrap(flags, body)
    this.#framing.write(flags, body)
  }

  #fail(error: ZmtpError): void {
    if (this.#phase === Phase.Closed) return
    // A refusing mechanism's ERROR command must reach the peer before the connection closes.
    if (this.#phase === Phase.Handshake) this.flush()
    this.#stop()
    this.#handler.error(error)
  }

  #stop(): void {
    this.#phase = Phase.Closed
    this.#assembly.clear()
    this.#deferredPong = null
    this.#held = null
    this.#deadlines.stop()
    this.#output.stop()
  }
}

function asZmtpError(error: unknown): ZmtpError {
  if (error instanceof ZmtpError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new ProtocolError(ErrorCode.MalformedFrame, `unexpected failure: ${message}`, { cause: error })
}

function copyOrEmpty(bytes: Uint8Array | undefined): Uint8Array {
  return bytes === undefined || bytes.length === 0 ? EMPTY : copyBytes(bytes)
}
