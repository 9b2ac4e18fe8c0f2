import { AuthError, isSystemError, type PeerInfo, ProtocolError, ZmtpError } from '@zmtp/core'
import type { HandshakeEvent, SocketEventType } from './events.js'
import type { SocketHost } from './host.js'

/** The kinds of failed handshake libzmq's monitor tells apart. */
type HandshakeErrorType = Extract<SocketEventType, `handshake:error:${string}`>

/**
 * Reports the end of a connection as libzmq's monitor does: a handshake that failed gets a
 * `handshake:error:*` event by cause, and every connection that was up gets `disconnect`.
 */
export function reportSessionEnd(
  host: Pick<SocketHost, 'emit'>,
  address: string,
  error: Error | undefined,
  handshaken: boolean,
): void {
  if (!handshaken && error) host.emit({ type: handshakeErrorType(error), address, error })
  host.emit({ type: 'disconnect', address, error })
}

/** The `handshake` event for a connection to `peer`: what it proved, for the application. */
export function handshakeEvent(address: string, peer: PeerInfo): HandshakeEvent {
  return {
    type: 'handshake',
    address,
    mechanism: peer.mechanism,
    ...(peer.userId !== undefined ? { userId: peer.userId } : {}),
    properties: peer.metadata,
  }
}

export function handshakeErrorType(error: Error): HandshakeErrorType {
  if (error instanceof AuthError || (error instanceof ProtocolError && error.code === 'ERR_PEER_ERROR')) {
    return 'handshake:error:auth'
  }
  if (error instanceof ProtocolError) return 'handshake:error:protocol'
  return 'handshake:error:other'
}

/**
 * libzmq stops reconnecting to an endpoint after a protocol error (ERROR received included). A failure of
 * our own code is not the peer's fault: reconnecting goes on after it, as after any other error.
 */
export function stopsReconnecting(error: Error | undefined): boolean {
  return error instanceof ProtocolError && !isOwnFailure(error.cause)
}

/**
 * True for an exception thrown by our own code (a TypeError, a RangeError...) that the engine wrapped as a
 * protocol error: neither one of ours ({@link ZmtpError}) nor one the system or a library reported.
 */
function isOwnFailure(cause: unknown): boolean {
  return cause instanceof Error && !(cause instanceof ZmtpError) && !isSystemError(cause)
}
