import { isZmtpError } from '@zmtp/core'

/**
 * An error as zeromq.js reports it: libzmq's `strerror` text as the message, the errno name as `code`,
 * the Linux errno number as `errno`, and the endpoint concerned as `address`. The error zmtp raised,
 * with its more specific message, is the `cause`.
 */
export class ZeromqError extends Error {
  override name = 'Error'
  constructor(
    message: string,
    /** The errno name (`EAGAIN`, `EINVAL`, ...). */
    readonly code: string,
    /** The errno number. */
    readonly errno: number,
    /** The endpoint the error concerns, if any. */
    readonly address: string | undefined,
    cause: unknown,
  ) {
    super(message, { cause })
  }
}

/** zeromq.js's presentation of each code: [code, errno, message]. */
const presentation: Record<string, readonly [string, number, string]> = {
  EAGAIN: ['EAGAIN', 11, 'Operation was not possible or timed out'],
  EHOSTUNREACH: ['EHOSTUNREACH', 113, 'Host unreachable'],
  EFSM: ['EFSM', 156384763, 'Operation cannot be accomplished in current state'],
  ENOTSUP: ['ENOTSUP', 95, 'Operation not supported'],
  // zeromq.js reports operations on a closed socket as EBADF.
  ETERM: ['EBADF', 9, 'Socket is closed'],
  EADDRINUSE: ['EADDRINUSE', 98, 'Address already in use'],
  EADDRNOTAVAIL: ['EADDRNOTAVAIL', 99, 'Cannot assign requested address'],
  ECONNREFUSED: ['ECONNREFUSED', 111, 'Connection refused'],
  EINVAL: ['EINVAL', 22, 'Invalid argument'],
  ENOENT: ['ENOENT', 2, 'No such endpoint'],
  ERR_INVALID_ENDPOINT: ['EINVAL', 22, 'Invalid argument'],
  ERR_NO_TRANSPORT: ['EPROTONOSUPPORT', 93, 'Protocol not supported'],
}

/**
 * The zeromq.js form of `error` (see {@link ZeromqError}); errors without a libzmq counterpart, and
 * errors that are not zmtp's, pass unchanged.
 */
export function toZeromqError(error: unknown, address?: string): unknown {
  if (!isZmtpError(error)) return error
  const shown = presentation[error.code]
  if (shown === undefined) return error
  return new ZeromqError(shown[2], shown[0], shown[1], error.address ?? address, error)
}

/** Runs `operation`, rethrowing its error in zeromq.js's form. */
export function presenting<T>(operation: () => T, address?: string): T {
  try {
    return operation()
  } catch (error) {
    throw toZeromqError(error, address)
  }
}

/** `promise` with its rejection in zeromq.js's form. */
export function presentingAsync<T>(promise: Promise<T>, address?: string): Promise<T> {
  return promise.catch((error: unknown) => {
    throw toZeromqError(error, address)
  })
}
