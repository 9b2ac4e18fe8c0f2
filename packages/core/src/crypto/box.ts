/**
 * The cryptographic primitives CurveZMQ (RFC 26) is built on, as NaCl names them: X25519 key agreement,
 * `crypto_box` with a precomputed key (`crypto_box_beforenm` + `crypto_box_easy_afternm`) and
 * `crypto_secretbox` (both XSalsa20-Poly1305). Mechanisms only ever call this interface, so a faster
 * provider (libsodium in WebAssembly, WebCrypto X25519) can replace the default without touching them,
 * and tests can pin the random bytes to get byte-exact fixtures.
 */
export interface CurveCrypto {
  /** The X25519 public key of a 32-byte secret key. */
  publicKey(secretKey: Uint8Array): Uint8Array
  /**
   * `crypto_box_beforenm`: the 32-byte key two parties share, HSalsa20 of the X25519 result. Throws when
   * the public key is of low order (the result would be all zeros), as libsodium refuses it too.
   */
  sharedKey(publicKey: Uint8Array, secretKey: Uint8Array): Uint8Array
  /**
   * Seals `plaintext` under a 32-byte key and 24-byte nonce: the 16-byte Poly1305 tag, then the
   * XSalsa20 ciphertext (libsodium's "easy" layout, which is what CurveZMQ puts on the wire). With a
   * key from {@link CurveCrypto.sharedKey} this is `crypto_box`; with a random key, `crypto_secretbox`.
   */
  seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array
  /** Opens what {@link CurveCrypto.seal} made; null when the tag does not match (wrong key or altered bytes). */
  open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Uint8Array | null
  /** Cryptographically strong random bytes. */
  randomBytes(length: number): Uint8Array
}

/** Size of a CURVE key, public or secret, in bytes. */
export const CURVE_KEY_BYTES = 32
/** Size of the Poly1305 tag that {@link CurveCrypto.seal} puts in front of the ciphertext. */
export const BOX_TAG_BYTES = 16
/** Size of an XSalsa20 nonce. */
export const BOX_NONCE_BYTES = 24
