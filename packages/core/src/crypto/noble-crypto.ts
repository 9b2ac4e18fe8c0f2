import { hsalsa, xsalsa20poly1305 } from '@noble/ciphers/salsa.js'
import { u8, u32 } from '@noble/ciphers/utils.js'
import { x25519 } from '@noble/curves/ed25519.js'
import type { CurveCrypto } from './box.js'

/**
 * Salsa20's constant for 32-byte keys, as the 32-bit words HSalsa20 takes, and the all-zero 16-byte
 * input `crypto_box_beforenm` runs HSalsa20 over. Made on first use, not at load: a top-level call would
 * keep this module (and noble) in the bundles of applications that never use CURVE.
 */
let constants: { sigma: Uint32Array; zeroInput: Uint32Array } | undefined
const hsalsaConstants = () =>
  (constants ??= {
    sigma: u32(Uint8Array.from('expand 32-byte k', (c) => c.charCodeAt(0))),
    zeroInput: new Uint32Array(4),
  })
/** `getRandomValues` fills at most 65536 bytes per call. */
const RANDOM_CHUNK = 65536

/**
 * The default {@link CurveCrypto}: pure JavaScript from `@noble/curves` (X25519) and `@noble/ciphers`
 * (HSalsa20, XSalsa20-Poly1305). Synchronous, audited, no Node built-ins; randomness comes from
 * `globalThis.crypto.getRandomValues`, present in browsers and in Node 20.
 */
export const nobleCurveCrypto: CurveCrypto = {
  publicKey(secretKey) {
    return x25519.getPublicKey(secretKey)
  },

  sharedKey(publicKey, secretKey) {
    // noble throws on a low-order public key (an all-zero shared secret), as libsodium does.
    const shared = x25519.getSharedSecret(secretKey, publicKey)
    const out = new Uint32Array(8)
    const { sigma, zeroInput } = hsalsaConstants()
    hsalsa(sigma, u32(shared), zeroInput, out)
    shared.fill(0)
    return u8(out)
  },

  seal(key, nonce, plaintext) {
    return xsalsa20poly1305(key, nonce).encrypt(plaintext)
  },

  open(key, nonce, sealed) {
    if (sealed.length < 16) return null
    try {
      return xsalsa20poly1305(key, nonce).decrypt(sealed)
    } catch {
      return null
    }
  },

  randomBytes(length) {
    const out = new Uint8Array(length)
    for (let offset = 0; offset < length; offset += RANDOM_CHUNK) {
      globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + RANDOM_CHUNK)))
    }
    return out
  },
}
