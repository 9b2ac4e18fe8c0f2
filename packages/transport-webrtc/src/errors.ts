import { TransportError } from '@zmtp/core'

/**
 * The signaling service refused a request, or a signaling message could not be read. `code` is stable:
 * `EHOSTUNREACH` (no peer announced that id), `EADDRINUSE` (the id is announced already),
 * `ERR_FORBIDDEN` (signaling as an id the sender did not announce), `ERR_MALFORMED_FRAME` (not a signaling
 * message), `ERR_LIMIT_EXCEEDED` (a message over the size limit), `EINVAL` (not a valid peer id), `ETERM`
 * (the signaling client is closed).
 */
export class SignalingError extends TransportError {
  override name = 'SignalingError'
}
