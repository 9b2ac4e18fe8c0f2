import { CURVE_KEY_BYTES, type CurveCrypto } from '../../crypto/box.js'
import type { RawKeyPair } from './commands.js'

/** A fresh short-term key pair (C' or S'), made per connection and forgotten when it ends. */
export function transientKeyPair(crypto: CurveCrypto): RawKeyPair {
  const secretKey = crypto.randomBytes(CURVE_KEY_BYTES)
  return { publicKey: crypto.publicKey(secretKey), secretKey }
}
