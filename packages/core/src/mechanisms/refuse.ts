import { encodeError } from '../codec/command.js'
import { AuthError, ErrorCode } from '../errors.js'
import type { MechanismContext } from './mechanism.js'

/**
 * Refuses the peer during a handshake as libzmq does: sends an ERROR command with `reason` (such as the ZAP
 * status code `"400"`; at most 255 octets) and returns an AuthError (`ERR_AUTH_FAILED`, with that `status`) for the handshake to
 * throw, or to reject its pending promise with. The engine writes the ERROR before it reports the error.
 */
export function refusePeer(context: MechanismContext, reason: string, message?: string): AuthError {
  context.send(encodeError(reason))
  return new AuthError(ErrorCode.AuthFailed, message ?? `peer refused: ${reason}`, { status: reason })
}
