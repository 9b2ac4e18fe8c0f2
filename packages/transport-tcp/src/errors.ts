import { ErrorCode, TransportError, ZmtpError } from '@zmtp/core'

/** What we were doing when Node reported the error; the same errno means different things in each. */
export type Operation = 'bind' | 'connect' | 'accept' | 'io'

/** Node's system errors carry the errno name in `code`. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

const badArgumentCodes: Readonly<Record<string, ErrorCode>> = {
  EINVAL: ErrorCode.InvalidArgument,
  ENAMETOOLONG: ErrorCode.InvalidArgument,
  ERR_SOCKET_BAD_PORT: ErrorCode.InvalidArgument,
  ERR_INVALID_ARG_VALUE: ErrorCode.InvalidArgument,
}

const bindCodes: Readonly<Record<string, ErrorCode>> = {
  ...badArgumentCodes,
  EADDRINUSE: ErrorCode.AddressInUse,
}

const connectCodes: Readonly<Record<string, ErrorCode>> = {
  ...badArgumentCodes,
  ECONNREFUSED: ErrorCode.ConnectionRefused,
  // An ipc path with no socket behind it (or one we may not open) is the ipc form of a refused connection.
  ENOENT: ErrorCode.ConnectionRefused,
  EACCES: ErrorCode.ConnectionRefused,
  EPERM: ErrorCode.ConnectionRefused,
  EHOSTUNREACH: ErrorCode.HostUnreachable,
  ENETUNREACH: ErrorCode.HostUnreachable,
  ENOTFOUND: ErrorCode.HostUnreachable,
  EAI_AGAIN: ErrorCode.HostUnreachable,
  EAI_FAIL: ErrorCode.HostUnreachable,
  ETIMEDOUT: ErrorCode.Again,
}

/**
 * Turns an error from Node's `net` into a {@link TransportError} with a stable code, keeping the original
 * as `cause`. Errors that are already ours pass through unchanged.
 *
 * Bind failures other than "in use" or "invalid" mean the address cannot be had here (not ours, a port
 * we may not use, a name that does not resolve), hence `EADDRNOTAVAIL`. Failures of an established
 * connection, or of accepting one, are `ERR_CONNECTION_CLOSED`; the errno (ECONNRESET, EPIPE, ...) stays
 * in the message and the cause.
 */
export function toTransportError(error: unknown, operation: Operation, address: string): ZmtpError {
  if (error instanceof ZmtpError) return error
  const errno = errnoOf(error)
  const table = operation === 'bind' ? bindCodes : operation === 'connect' ? connectCodes : {}
  const fallback = operation === 'bind' ? ErrorCode.AddressNotAvailable : ErrorCode.ConnectionClosed
  const code = (errno !== undefined ? table[errno] : undefined) ?? fallback
  const reason = error instanceof Error ? error.message : String(error)
  return new TransportError(code, `${operation} ${address} failed: ${reason}`, { cause: error })
}
