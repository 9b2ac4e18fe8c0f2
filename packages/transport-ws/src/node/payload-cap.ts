/**
 * The `ws` library stores `maxPayload` as `value | 0`: a limit of 2^32 octets or more wraps to a small
 * number (2^32 + 1 becomes 1, refusing every message), and 2^31 or more turns negative, which `ws` reads
 * as "no limit". So the largest cap it represents is 2^31 - 1.
 */
export const WS_MAX_PAYLOAD = 0x7fff_ffff

/**
 * The `maxPayload` to give `ws` for a socket's `maxMessageSize`: the size plus the ZWS flags octet
 * (libzmq compares MAXMSGSIZE with the payload minus that octet), clamped to {@link WS_MAX_PAYLOAD};
 * 0 (no limit in `ws`) when the socket sets none. The engine still checks every message against the
 * exact `maxMessageSize`; this cap only stops `ws` buffering far beyond it.
 */
export function wsMaxPayload(maxMessageSize: number | undefined): number {
  if (maxMessageSize === undefined) return 0
  return Math.min(maxMessageSize + 1, WS_MAX_PAYLOAD)
}
