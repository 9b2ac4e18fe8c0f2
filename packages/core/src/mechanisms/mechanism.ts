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
  /** Sends a handshake command body (built with `encodeCommand`). */
  send(commandBody: Uint8Array): void
  /**
   * Checks the peer's properties (socket-type compatibility); throws a ProtocolError when they are
   * unacceptable. Call it before `complete`.
   */
  checkPeerMetadata(metadata: Metadata): void
  /** The handshake is done: traffic may flow. `userId` is the authenticated identity, if any. */
  complete(peerMetadata: Metadata, userId?: string): void
}

/** One connection's handshake. Throwing a ZmtpError (ProtocolError, AuthError) fails the connection. */
export interface MechanismHandshake {
  /** Called once both greetings are exchanged: send the first commands. */
  start(): void
  /**
   * A command from the peer during the handshake. May return a promise (asynchronous authentication);
   * the engine holds later commands until it settles.
   */
  receive(command: Command): void | Promise<void>
  /** After completion, protects one outgoing frame; returns the flags and body to put on the wire. */
  wrap?(flags: number, body: Uint8Array): { flags: number; body: Uint8Array }
  /** After completion, opens one incoming frame. */
  unwrap?(flags: number, body: Uint8Array): { flags: number; body: Uint8Array }
}
