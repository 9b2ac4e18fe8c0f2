import type { CurveCrypto } from './box.js'

/** `crypto_box`: seals `plaintext` from `secretKey`'s owner to `publicKey`'s owner. */
export function boxSeal(
  crypto: CurveCrypto,
  publicKey: Uint8Array,
  secretKey: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  return crypto.seal(crypto.sharedKey(publicKey, secretKey), nonce, plaintext)
}

/** `crypto_box_open`: opens a box from `publicKey`'s owner to `secretKey`'s owner; null when it fails. */
export function boxOpen(
  crypto: CurveCrypto,
  publicKey: Uint8Array,
  secretKey: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | null {
  let key: Uint8Array
  try {
    key = crypto.sharedKey(publicKey, secretKey)
  } catch {
    // A low-order public key from the peer opens nothing.
    return null
  }
  return crypto.open(key, nonce, sealed)
}
