import type { Metadata } from '../../codec/metadata.js'
import type { Mechanism } from '../../mechanisms/mechanism.js'
import type { OutputBuffer } from '../output-buffer.js'

/**
 * What a framing needs from the engine it serves.
 * @internal
 */
export interface FramingHost {
  /** Where encoded output goes; the engine decides when it is written. */
  readonly output: OutputBuffer
  /** The peer's protocol version is known: run the mechanism handshake. */
  startHandshake(peerMinor: number): void
  /** One frame from the peer, with ZMTP flags. `body` may be a view into the received input. */
  readonly frame: (flags: number, body: Uint8Array) => void
  /** The handshake finished without a mechanism (legacy ZWS): the peer's properties and routing id. */
  complete(metadata: Metadata, routingId: Uint8Array): void
}

/** What every framing is built from: the parts of the engine options that shape the wire. */
export interface FramingSettings {
  readonly mechanism: Mechanism
  readonly routingId?: Uint8Array
  readonly maxMessageSize?: number
  readonly minorVersion?: number
}

/**
 * One way to carry ZMTP frames over a connection (ZMTP over a byte stream, ZWS 2.0, legacy ZWS 2.0). The
 * engine is the same for all of them: it hands a framing what arrives and what to send, and asks it the
 * few questions whose answer depends on the wire. A framing only encodes and decodes; the engine runs the
 * handshake, heartbeats, message assembly and the mechanism's per-frame protection.
 * @internal
 */
export interface FramingStrategy {
  /** The mechanism name to report in `PeerInfo` (empty when the framing runs none). */
  readonly mechanismName: string
  /**
   * Whether subscriptions travel as SUBSCRIBE/CANCEL commands rather than the legacy `0x01`/`0x00` data
   * message. Asked once the handshake is done.
   */
  readonly subscriptionCommands: boolean
  /** Writes what opens the connection (a greeting, a routing id) or starts the handshake at once. */
  start(): void
  /** Decodes received input and hands each frame to the host. Throws a ProtocolError on bad input. */
  receive(input: Uint8Array): void
  /**
   * Where the next received bytes may land to spare a copy, or a read size that ends on a frame boundary
   * while large frames flow (stream framings only); see `FrameDecoder.readAdvice`.
   */
  readAdvice?(minimum: number, limit: number): Uint8Array | number | undefined
  /** Encodes one frame (after the mechanism wrapped it, if it does) into the output buffer. */
  write(flags: number, body: Uint8Array): void
  /**
   * Set when `write` only hands frames on to the output buffer unchanged (ZMTP over a byte stream): the
   * engine then writes messages there itself, whole, a call less per frame and per message.
   */
  readonly framesAsIs?: boolean
}
