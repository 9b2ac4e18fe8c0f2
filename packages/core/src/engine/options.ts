import type { Metadata } from '../codec/metadata.js'
import type { ZmtpError } from '../errors.js'
import type { Mechanism } from '../mechanisms/mechanism.js'
import type { SocketType } from '../socket-types.js'

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
  /**
   * Bytes held in incomplete multipart messages, shared by every connection of one socket (see
   * {@link MultipartBudget}). Without one, only `maxMessageParts` bounds a message under assembly.
   */
  multipartBudget?: MultipartBudget
}

/**
 * A socket-wide allowance for the bytes that incomplete multipart messages hold while their last part has
 * not arrived. Every connection of the socket draws from the same object, so many peers each sending a
 * little cannot add up to more than `limit`. Each part counts its body plus {@link PART_OVERHEAD}, so a
 * flood of empty MORE frames is paid for too. The engine that would pass `limit` fails its connection.
 */
export interface MultipartBudget {
  /** Most bytes all incomplete messages together may hold. */
  readonly limit: number
  /** Bytes held now; the engines add and release their parts' cost. */
  used: number
}

/**
 * What one held part costs beyond its body: the view object, its slot in the parts array and the
 * receive chunk it may keep alive. Measured about 150 bytes per empty part in Node 20; rounded up.
 */
export const PART_OVERHEAD = 160

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
  /** The mechanism that ran the handshake, such as `NULL`; empty for legacy ZWS, which runs none. */
  mechanism: string
  /** The identity an authenticating mechanism established, if any. */
  userId?: string
}

/** The engine's outputs. Every call happens outside `receive`'s caller only through these. */
export interface EngineHandler {
  /**
   * Chunks to write, in order (stream: bytes; message framing: one ZWS message each). Returns false when
   * the transport's buffer is full: the engine then answers no more PINGs until `drained()` (it keeps the
   * newest PING's context and answers that one), so a peer that never reads cannot make it queue PONGs.
   */
  write(chunks: Uint8Array[]): boolean | void
  /** The handshake finished: messages may flow. */
  handshake(peer: PeerInfo): void
  /** A whole message arrived (frames may be views into received chunks). */
  message(frames: Uint8Array[]): void
  /** The peer sent a SUBSCRIBE or CANCEL command (data-form subscriptions arrive as messages). */
  subscription(subscribe: boolean, topic: Uint8Array): void
  /** The connection must close: protocol error, timeout. Called once; the engine is stopped after it. */
  error(error: ZmtpError): void
}
