import type { Command } from '../codec/command.js'
import type { Metadata } from '../codec/metadata.js'

/**
 * A security mechanism (NULL, PLAIN, CURVE). The engine runs the greeting, then hands every handshake
 * command to the mechanism's per-connection {@link MechanismHandshake} until it calls `complete`. A
 * mechanism that protects traffic (CURVE) also wraps and unwraps every frame after the handshake.
 */
export interface Mechanism {
  /** The name in the greeting, such as `NULL`. */
  readonly name: string
  /** Whether this side plays the server role (PLAIN and CURVE; NULL has none). */
  readonly asServer: boolean
  /** Starts a handshake for one connection. */
  create(context: MechanismContext): MechanismHandshake
}

/** What the engine offers a handshake. */
export interface MechanismContext {
  /** The properties this side announces in READY or INITIATE (Socket-Type, Identity, X-*). */
  readonly metadata: Iterable<[string, Uint8Array | string]>
  /** The peer's greeting minor version (0 for ZMTP 3.0, 1 for 3.1; 1 for ZWS). */
  readonly peerMinor: number
  /** The peer's address, for authentication (ZAP). */
  readonly peerAddress: string
  /**
   * Sends a handshake command body (built with `encodeCommand`), ERROR included. What a handshake sends
   * before it fails (see {@link refusePeer}) is written before the connection closes.
   */
  send(commandBody: Uint8Array): void
  /**
   * Checks the peer's properties (socket-type compatibility); throws a ProtocolError when they are
   * unacceptable. Call it before `complete`.
   */
  checkPeerMetadata(metadata: Metadata): void
  /**
   * The handshake is done: traffic may flow. `userId` is the authenticated identity, if any. Send the
   * last handshake command first: everything sent after this call is wrapped.
   */
  complete(peerMetadata: Metadata, userId?: string): void
}

/** One frame as the engine sees it: ZMTP flags (`FrameFlags`) and body. */
export type FlagsAndBody = [flags: number, body: Uint8Array]

/**
 * One connection's handshake. Throwing a ZmtpError (ProtocolError, AuthError) fails the connection; to
 * refuse a peer the way libzmq does, send an ERROR command first ({@link refusePeer} does both).
 */
export interface MechanismHandshake {
  /** Called once both greetings are exchanged (at once over ZWS): send the first commands. */
  start(): void
  /**
   * A command from the peer during the handshake. May return a promise for an asynchronous step (a ZAP
   * request): the engine holds the frames that arrive meanwhile (up to 64, then it fails the connection)
   * and feeds them on once the promise resolves; a rejection fails the connection with its error.
   */
  receive(command: Command): void | Promise<void>
  /**
   * Protects one outgoing frame once the handshake is done; returns the flags and body to put on the wire.
   * The engine applies it to every frame, data and commands alike (SUBSCRIBE, CANCEL, PING, PONG), in every
   * framing: CURVE sends each of them inside an encrypted MESSAGE command. Leave it undefined when traffic
   * travels in the clear (NULL, PLAIN): the engine then spends nothing per frame.
   */
  wrap?(flags: number, body: Uint8Array): FlagsAndBody
  /**
   * Opens one incoming frame once the handshake is done, before the engine looks at it: the result's
   * flags say whether it is a command (then decoded and handled as one) and whether more parts follow.
   * Throw a ProtocolError for a frame that fails to open. Defined exactly when `wrap` is.
   */
  unwrap?(flags: number, body: Uint8Array): FlagsAndBody
}
