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

/** How an error is presented. */
export interface Presentation {
  /** The endpoint the operation concerned. */
  address?: string
  /** Keep zmtp's message (zeromq.js's own messages for that case are as specific). */
  keepMessage?: boolean
  /**
   * The operation was waiting when the socket closed: zeromq.js rejects such calls with EAGAIN, not
   * with the "Socket is closed" of calls made after close.
   */
  cancelled?: boolean
}

/**
 * The zeromq.js form of `error` (see {@link ZeromqError}); errors without a libzmq counterpart, and
 * errors that are not zmtp's, pass unchanged.
 */
export function toZeromqError(error: unknown, how: Presentation = {}): unknown {
  if (!isZmtpError(error)) return error
  const code = how.cancelled && error.code === 'ETERM' ? 'EAGAIN' : error.code
  const shown = presentation[code]
  if (shown === undefined) return error
  const message = how.keepMessage ? error.message : shown[2]
  return new ZeromqError(message, shown[0], shown[1], error.address ?? how.address, error)
}

/** Runs `operation`, rethrowing its error in zeromq.js's form. */
export function presenting<T>(operation: () => T, how?: Presentation): T {
  try {
    return operation()
  } catch (error) {
    throw toZeromqError(error, how)
  }
}

/** `promise` with its rejection in zeromq.js's form. */
export function presentingAsync<T>(promise: Promise<T>, how?: Presentation): Promise<T> {
  return promise.catch((error: unknown) => {
    throw toZeromqError(error, how)
  })
}
