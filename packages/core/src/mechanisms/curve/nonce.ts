import { BOX_NONCE_BYTES } from '../../crypto/box.js'
import { asciiWrite } from '../../util/bytes.js'

/**
 * The prefixes that turn CurveZMQ's short (8-byte) and long (16-byte) nonces into 24-byte box nonces.
 * Every box kind has its own, so a box can never be replayed as another kind. The MESSAGE prefixes are
 * libzmq's: RFC 26 names one prefix for both directions, libzmq one per direction.
 */
export const NoncePrefix = {
  Hello: 'CurveZMQHELLO---',
  Welcome: 'WELCOME-',
  Cookie: 'COOKIE--',
  Vouch: 'VOUCH---',
  Initiate: 'CurveZMQINITIATE',
  Ready: 'CurveZMQREADY---',
  MessageFromClient: 'CurveZMQMESSAGEC',
  MessageFromServer: 'CurveZMQMESSAGES',
} as const

/** Size of a short nonce on the wire (a 64-bit counter, big-endian). */
export const SHORT_NONCE_BYTES = 8
/** Size of a long nonce on the wire (random). */
export const LONG_NONCE_BYTES = 16

/** The 24-byte nonce `prefix` + `tail` (a short nonce after a 16-character prefix, a long one after 8). */
export function boxNonce(prefix: string, tail: Uint8Array): Uint8Array {
  const nonce = new Uint8Array(BOX_NONCE_BYTES)
  asciiWrite(prefix, nonce, 0)
  nonce.set(tail, prefix.length)
  return nonce
}

/**
 * Our short nonces: a 64-bit counter that starts at 1 and grows by one for every box we send (HELLO and
 * INITIATE, or READY, then every MESSAGE), as libzmq counts. Kept as two 32-bit halves: a counter past
 * 2^53 stays exact.
 */
export class NonceCounter {
  #high = 0
  #low = 1

  /** The next nonce, as the 8 big-endian bytes the wire carries. */
  next(): Uint8Array {
    const out = new Uint8Array(SHORT_NONCE_BYTES)
    const view = new DataView(out.buffer)
    view.setUint32(0, this.#high)
    view.setUint32(4, this.#low)
    if (this.#low === 0xffff_ffff) {
      this.#low = 0
      this.#high = (this.#high + 1) >>> 0
    } else {
      this.#low += 1
    }
    return out
  }
}

/**
 * The peer's last short nonce. libzmq requires each one above the last, which makes a replayed or
 * reordered box fail before it is even opened.
 */
export class PeerNonce {
  #high = 0
  #low = 0

  /** Whether the 8 big-endian bytes at `offset` of `bytes` are above the last accepted nonce; if so, records them. */
  advance(bytes: Uint8Array, offset = 0): boolean {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, SHORT_NONCE_BYTES)
    const high = view.getUint32(0)
    const low = view.getUint32(4)
    if (high < this.#high || (high === this.#high && low <= this.#low)) return false
    this.#high = high
    this.#low = low
    return true
  }
}
