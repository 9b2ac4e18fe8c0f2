import { ErrorCode, TransportError, ZmtpError } from '../errors.js'

/**
 * What a transport was doing when the system reported an error; the same errno means different things in
 * each (ENOENT at bind: the directory is missing; at connect: nobody listens on that ipc path).
 */
export type SystemOperation = 'bind' | 'connect' | 'accept' | 'io'

/** The errno name Node (and most system APIs) put in an error's `code`, such as `"ECONNREFUSED"`. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** Our code for an errno when binding, and when connecting. */
interface Meaning {
  bind: ErrorCode
  connect: ErrorCode
}

const invalid: Meaning = { bind: ErrorCode.InvalidArgument, connect: ErrorCode.InvalidArgument }
const unreachable: Meaning = { bind: ErrorCode.AddressNotAvailable, connect: ErrorCode.HostUnreachable }
// An ipc path with no socket behind it, or one we may not open, is the ipc form of a refused connection;
// at bind it is an address we cannot have (a missing directory, a privileged port).
const notOurs: Meaning = { bind: ErrorCode.AddressNotAvailable, connect: ErrorCode.ConnectionRefused }
// These only happen once a peer answered: at connect, it refused or dropped us during the handshake.
const refused: Meaning = { bind: ErrorCode.AddressNotAvailable, connect: ErrorCode.ConnectionRefused }

/**
 * The one table every transport uses, from Node's errno names (and its argument-check codes) to ours.
 * Browser-safe: it only reads the `code` string. An errno not listed here is `EADDRNOTAVAIL` at bind and
 * `ECONNREFUSED` at connect; after a connection is up (accept, io) every failure is `ERR_CONNECTION_CLOSED`,
 * with the errno kept in the message and the cause.
 */
const SYSTEM_ERRORS: Readonly<Record<string, Meaning>> = {
  EADDRINUSE: { bind: ErrorCode.AddressInUse, connect: ErrorCode.AddressInUse },
  EADDRNOTAVAIL: { bind: ErrorCode.AddressNotAvailable, connect: ErrorCode.AddressNotAvailable },
  EAFNOSUPPORT: { bind: ErrorCode.AddressNotAvailable, connect: ErrorCode.AddressNotAvailable },
  EACCES: notOurs,
  EPERM: notOurs,
  ENOENT: notOurs,
  ECONNREFUSED: refused,
  ECONNRESET: refused,
  ECONNABORTED: refused,
  EPIPE: refused,
  ETIMEDOUT: { bind: ErrorCode.AddressNotAvailable, connect: ErrorCode.Again },
  EHOSTUNREACH: unreachable,
  EHOSTDOWN: unreachable,
  ENETUNREACH: unreachable,
  ENETDOWN: unreachable,
  ENOTFOUND: unreachable,
  EAI_AGAIN: unreachable,
  EAI_FAIL: unreachable,
  EAI_NONAME: unreachable,
  EINVAL: invalid,
  ENAMETOOLONG: invalid,
  ERR_SOCKET_BAD_PORT: invalid,
  ERR_INVALID_ARG_VALUE: invalid,
  ERR_INVALID_ARG_TYPE: invalid,
}

/** Our {@link ErrorCode} for a system error during `operation`. */
export function systemErrorCode(error: unknown, operation: SystemOperation): ErrorCode {
  if (operation === 'accept' || operation === 'io') return ErrorCode.ConnectionClosed
  const meaning = SYSTEM_ERRORS[errnoOf(error) ?? '']
  if (meaning) return meaning[operation]
  return operation === 'bind' ? ErrorCode.AddressNotAvailable : ErrorCode.ConnectionRefused
}

/**
 * Turns an error the system (Node's `net`, `http`, `ws`...) reported into a {@link TransportError} with a
 * stable code from one table, keeping the original as `cause`. Errors that are already ours pass through.
 *
 * @param address - the endpoint URL concerned, for the message.
 */
export function fromSystemError(error: unknown, operation: SystemOperation, address: string): ZmtpError {
  if (error instanceof ZmtpError) return error
  const reason = error instanceof Error ? error.message : String(error)
  return new TransportError(systemErrorCode(error, operation), `${operation} ${address} failed: ${reason}`, {
    cause: error,
  })
}

/**
 * True when `error` came from the system or a library under a transport (it carries an errno-like `code`,
 * as Node's system errors do), rather than from a bug in our own code.
 */
export function isSystemError(error: unknown): boolean {
  return error instanceof Error && errnoOf(error) !== undefined
}
