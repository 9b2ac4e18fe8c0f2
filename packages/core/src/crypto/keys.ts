import { decodeCurveKey, z85Encode } from '../codec/z85.js'
import { CURVE_KEY_BYTES, type CurveCrypto } from './box.js'
import { nobleCurveCrypto } from './noble-crypto.js'

/**
 * A CURVE key as libzmq's `ZMQ_CURVE_*KEY` options take it: 32 raw bytes or 40 Z85 characters (41 with a
 * trailing NUL).
 */
export type CurveKey = string | Uint8Array

/** A CURVE key pair as 40-character Z85 strings, the form zeromq.js and `zmq_curve_keypair` return. */
export interface CurveKeyPair {
  publicKey: string
  secretKey: string
}

/**
 * Makes a new CURVE key pair (`zmq_curve_keypair`). Keep the secret key secret: it is the socket's
 * identity under CURVE.
 *
 * @param crypto - The primitives to use; the default is pure JavaScript and works in browsers.
 */
export function curveKeyPair(crypto: CurveCrypto = nobleCurveCrypto): CurveKeyPair {
  const secretKey = crypto.randomBytes(CURVE_KEY_BYTES)
  const pair = { publicKey: z85Encode(crypto.publicKey(secretKey)), secretKey: z85Encode(secretKey) }
  secretKey.fill(0)
  return pair
}

/**
 * The public key that belongs to a CURVE secret key (`zmq_curve_public`), as 40 Z85 characters.
 *
 * @throws {@link ZmtpError} `ERR_INVALID_Z85` when `secretKey` is not a valid key.
 */
export function curvePublicKey(secretKey: CurveKey, crypto: CurveCrypto = nobleCurveCrypto): string {
  return z85Encode(crypto.publicKey(decodeCurveKey(secretKey)))
}
