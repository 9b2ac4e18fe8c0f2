/**
 * Every error this project raises is a {@link ZmtpError} with a stable `code`. Codes are part of the public
 * API: match on `error.code`, never on the message. The README lists them all.
 */

/** Stable error codes. The `E*` codes mirror the errno names libzmq returns for the same condition. */
export const ErrorCode = {
  /** The peer's greeting is not a ZMTP 3.x greeting. */
  BadGreeting: 'ERR_BAD_GREETING',
  /** The peer speaks a ZMTP version before 3.0. */
  UnsupportedVersion: 'ERR_UNSUPPORTED_VERSION',
  /** The peer announced a different security mechanism. */
  MechanismMismatch: 'ERR_MECHANISM_MISMATCH',
  /** A frame's size exceeds the maximum message size (libzmq checks per frame). */
  FrameTooLarge: 'ERR_FRAME_TOO_LARGE',
  /** A frame header or frame layout is invalid. */
  MalformedFrame: 'ERR_MALFORMED_FRAME',
  /**
   * A peer went past a resource limit that protects the socket (bytes held in incomplete multipart
   * messages, unsent output): its connection is closed.
   */
  LimitExceeded: 'ERR_LIMIT_EXCEEDED',
  /** A command frame is malformed or not allowed at this point. */
  MalformedCommand: 'ERR_MALFORMED_COMMAND',
  /** READY/INITIATE metadata is truncated or has trailing bytes. */
  MalformedMetadata: 'ERR_MALFORMED_METADATA',
  /** The peer's socket type may not talk to ours. */
  SocketTypeMismatch: 'ERR_SOCKET_TYPE_MISMATCH',
  /** The peer sent an ERROR command. */
  PeerError: 'ERR_PEER_ERROR',
  /** The peer was refused by authentication. */
  AuthFailed: 'ERR_AUTH_FAILED',
  /** The ZAP handler's reply is not a ZAP reply (wrong frame count, no empty delimiter). */
  ZapMalformedReply: 'ERR_ZAP_MALFORMED_REPLY',
  /** The ZAP handler's reply has a version other than `1.0`. */
  ZapBadVersion: 'ERR_ZAP_BAD_VERSION',
  /** The ZAP handler's reply answers another request. */
  ZapBadRequestId: 'ERR_ZAP_BAD_REQUEST_ID',
  /** The ZAP handler's reply has a status code other than 200, 300, 400 or 500. */
  ZapInvalidStatusCode: 'ERR_ZAP_INVALID_STATUS_CODE',
  /** A CURVE box did not open: the peer used a wrong key, or bytes were altered on the way. */
  DecryptFailed: 'ERR_DECRYPT_FAILED',
  /** A CURVE nonce was not above the peer's previous one: a replayed or reordered command. */
  ReplayedNonce: 'ERR_REPLAYED_NONCE',
  /** The greeting and handshake did not finish within the handshake interval. */
  HandshakeTimeout: 'ERR_HANDSHAKE_TIMEOUT',
  /** No traffic arrived within the heartbeat timeout or the peer's TTL. */
  HeartbeatTimeout: 'ERR_HEARTBEAT_TIMEOUT',
  /** An endpoint URL could not be parsed, or names what can never work for its use (connecting to `*`). */
  InvalidEndpoint: 'ERR_INVALID_ENDPOINT',
  /** A Z85 string or buffer has an invalid length or character. */
  InvalidZ85: 'ERR_INVALID_Z85',
  /** No registered transport serves the endpoint's scheme. */
  NoTransport: 'ERR_NO_TRANSPORT',
  /** The transport cannot run in this environment (for example `tcp()` in a browser). */
  TransportUnsupported: 'ERR_TRANSPORT_UNSUPPORTED',
  /**
   * A transport's own opening handshake failed or was refused: a malformed HTTP upgrade, no common
   * WebSocket subprotocol, an unknown path.
   */
  BadUpgrade: 'ERR_BAD_UPGRADE',
  /** A listener refused a connection by policy, such as a WebSocket `Origin` outside the allow-list. */
  Forbidden: 'ERR_FORBIDDEN',
  /** The connection closed before the operation finished. */
  ConnectionClosed: 'ERR_CONNECTION_CLOSED',
  /** The operation would block (high-water mark reached, or a timeout expired). */
  Again: 'EAGAIN',
  /** A Router with `mandatory` was asked to send to an unknown routing id. */
  HostUnreachable: 'EHOSTUNREACH',
  /** The operation is not valid in the socket's current state (Request/Reply alternation). */
  WrongState: 'EFSM',
  /** The socket type does not support the operation. */
  NotSupported: 'ENOTSUP',
  /** The socket is closed. */
  Closed: 'ETERM',
  /** The address is already in use. */
  AddressInUse: 'EADDRINUSE',
  /** The address cannot be bound on this machine. */
  AddressNotAvailable: 'EADDRNOTAVAIL',
  /** The peer refused the connection. */
  ConnectionRefused: 'ECONNREFUSED',
  /** An argument is invalid. */
  InvalidArgument: 'EINVAL',
  /** The endpoint given to `unbind()` or `disconnect()` is not bound or connected (libzmq's ENOENT). */
  NoSuchEndpoint: 'ENOENT',
} as const

/**
 * The errno numbers libzmq reports on Linux for the `E*` codes, so programs that compare `errno` (as
 * zeromq.js exposes it) keep working. ETERM and EFSM are libzmq's own numbers.
 */
const errnoOf: Partial<Record<ErrorCode, number>> = {
  EAGAIN: 11,
  EHOSTUNREACH: 113,
  EFSM: 156384763,
  ENOTSUP: 95,
  ETERM: 156384765,
  EADDRINUSE: 98,
  EADDRNOTAVAIL: 99,
  ECONNREFUSED: 111,
  EINVAL: 22,
  ENOENT: 2,
}

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/** Base class of every error raised by zmtp. */
export class ZmtpError extends Error {
  override name = 'ZmtpError'
  /** The stable code; see {@link ErrorCode}. */
  readonly code: ErrorCode
  /** The endpoint the error concerns, when there is one (as zeromq.js's `error.address`). */
  address: string | undefined

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; address?: string }) {
    super(message, options)
    this.code = code
    this.address = options?.address
  }

  /** libzmq's errno number for an `E*` code (Linux numbering), undefined for the `ERR_*` codes. */
  get errno(): number | undefined {
    return errnoOf[this.code]
  }
}

/** The peer broke the wire protocol: the connection is closed and (on the connecting side) not retried. */
export class ProtocolError extends ZmtpError {
  override name = 'ProtocolError'
}

/** A ZAP status code (`"400"`) as a number, or undefined when `reason` is not one. */
function zapStatusOf(reason: string): number | undefined {
  return /^[2-5]\d\d$/.test(reason) ? Number(reason) : undefined
}

/** The peer sent an ERROR command; `reason` is its text (for example `"400"`). */
export class PeerError extends ProtocolError {
  override name = 'PeerError'
  constructor(readonly reason: string) {
    super(ErrorCode.PeerError, `peer sent ERROR: ${reason}`)
  }

  /**
   * The ZAP status code the peer's authenticator refused us with (300, 400, 500), when the reason is
   * one, as libzmq reports it in its `HANDSHAKE_FAILED_AUTH` monitor event.
   */
  get status(): number | undefined {
    return zapStatusOf(this.reason)
  }
}

/** The security mechanism refused the peer, or the peer refused our credentials. */
export class AuthError extends ProtocolError {
  override name = 'AuthError'
  /**
   * The ZAP status code the peer was refused with (300, 400, 500), when an authenticator refused it,
   * as libzmq reports it in its `HANDSHAKE_FAILED_AUTH` monitor event.
   */
  readonly status: number | undefined

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; address?: string; status?: string },
  ) {
    super(code, message, options)
    this.status = options?.status === undefined ? undefined : zapStatusOf(options.status)
  }
}

/** A handshake or heartbeat deadline passed. The connecting side reconnects. */
export class TimeoutError extends ZmtpError {
  override name = 'TimeoutError'
}

/** An endpoint URL is malformed. */
export class EndpointError extends ZmtpError {
  override name = 'EndpointError'
  constructor(
    readonly endpoint: string,
    reason: string,
  ) {
    super(ErrorCode.InvalidEndpoint, `invalid endpoint "${endpoint}": ${reason}`)
  }
}

/** A transport failed to bind, connect or run. */
export class TransportError extends ZmtpError {
  override name = 'TransportError'
}

/**
 * No transport serves an endpoint's scheme: neither one in the socket's `transports` option nor one
 * registered with `registerTransport()`. `available` lists the schemes that are served.
 */
export class NoTransportError extends TransportError {
  override name = 'NoTransportError'
  constructor(
    /** The scheme asked for, without `://`. */
    readonly scheme: string,
    /** The schemes some transport serves, local ones first. */
    readonly available: readonly string[],
  ) {
    const served = available.length === 0 ? 'none' : available.map((s) => `${s}://`).join(', ')
    super(
      ErrorCode.NoTransport,
      `no transport serves "${scheme}://" (served: ${served}); pass one in the socket's transports option or call registerTransport()`,
    )
  }
}

/** A socket operation failed (`EAGAIN`, `EHOSTUNREACH`, `EFSM`, `ENOTSUP`, `ETERM`, ...). */
export class SocketError extends ZmtpError {
  override name = 'SocketError'
}

/** True when `error` is a {@link ZmtpError}, optionally with the given code. */
export function isZmtpError(error: unknown, code?: ErrorCode): error is ZmtpError {
  return error instanceof ZmtpError && (code === undefined || error.code === code)
}
