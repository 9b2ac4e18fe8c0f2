import { ErrorCode, ZmtpError } from '../errors.js'

/** RFC 32's alphabet: digit value `i` is `ALPHABET[i]`. */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#'

/** Character code to digit value, -1 for characters outside the alphabet. */
const DIGITS = (() => {
  const table = new Int8Array(128).fill(-1)
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i
  return table
})()

const CURVE_KEY_SIZE = 32
const CURVE_KEY_Z85_SIZE = 40

function z85Error(message: string): ZmtpError {
  return new ZmtpError(ErrorCode.InvalidZ85, message)
}

/**
 * Encodes bytes as Z85 (ZeroMQ RFC 32): every 4 bytes, read big-endian, become 5 characters. A 32-byte CURVE
 * key becomes 40 characters.
 *
 * @throws {@link ZmtpError} `ERR_INVALID_Z85` when the length is not a multiple of 4 (Z85 has no padding).
 */
export function z85Encode(bytes: Uint8Array): string {
  if (bytes.length % 4 !== 0) {
    throw z85Error(`Z85 input must be a multiple of 4 bytes long, got ${bytes.length}`)
  }
  let out = ''
  for (let i = 0; i < bytes.length; i += 4) {
    // Multiplying keeps the value unsigned; `<< 24` would turn a high byte >= 0x80 negative.
    let value = bytes[i]! * 0x100_0000 + ((bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!)
    const group: string[] = new Array(5)
    for (let j = 4; j >= 0; j--) {
      group[j] = ALPHABET[value % 85]!
      value = Math.floor(value / 85)
    }
    out += group.join('')
  }
  return out
}

/**
 * Decodes a Z85 string (ZeroMQ RFC 32) into bytes, 4 for every 5 characters.
 *
 * @throws {@link ZmtpError} `ERR_INVALID_Z85` when the length is not a multiple of 5, a character is outside
 * the Z85 alphabet, or a group of 5 characters encodes a value above 2^32 - 1.
 */
export function z85Decode(text: string): Uint8Array {
  if (text.length % 5 !== 0) {
    throw z85Error(`Z85 text must be a multiple of 5 characters long, got ${text.length}`)
  }
  const out = new Uint8Array((text.length / 5) * 4)
  for (let i = 0, o = 0; i < text.length; i += 5, o += 4) {
    let value = 0
    for (let j = i; j < i + 5; j++) {
      const code = text.charCodeAt(j)
      const digit = code < 128 ? DIGITS[code]! : -1
      if (digit < 0) {
        throw z85Error(`invalid Z85 character ${JSON.stringify(text[j])} at offset ${j}`)
      }
      value = value * 85 + digit
    }
    // Five base-85 digits reach 85^5 - 1, above 2^32 - 1; libzmq rejects the overflow, and so do we.
    if (value > 0xffff_ffff) {
      throw z85Error(`Z85 group '${text.slice(i, i + 5)}' at offset ${i} does not fit in 32 bits`)
    }
    out[o] = value >>> 24
    out[o + 1] = (value >>> 16) & 0xff
    out[o + 2] = (value >>> 8) & 0xff
    out[o + 3] = value & 0xff
  }
  return out
}

/**
 * Turns a CURVE key, in any form libzmq's `ZMQ_CURVE_*KEY` options accept, into its 32 raw bytes: 32 raw
 * bytes, 40 Z85 characters, or 41 with a trailing NUL. As with libzmq's `void *` option values, a 40- or
 * 41-byte `Uint8Array` is read as ASCII Z85 text. The result is always a fresh copy.
 *
 * @throws {@link ZmtpError} `ERR_INVALID_Z85` for any other length, a 41st character that is not NUL, or
 * invalid Z85 text.
 */
export function decodeCurveKey(key: string | Uint8Array): Uint8Array {
  if (typeof key === 'string') return decodeKeyText(key)
  if (key.length === CURVE_KEY_SIZE) return key.slice()
  if (key.length === CURVE_KEY_Z85_SIZE || key.length === CURVE_KEY_Z85_SIZE + 1) {
    // Bytes above 0x7f become characters outside the alphabet, so z85Decode still rejects them.
    return decodeKeyText(String.fromCharCode(...key))
  }
  throw z85Error(
    `a CURVE key must be 32 bytes, 40 Z85 characters or 41 with a trailing NUL; got ${key.length} bytes`,
  )
}

function decodeKeyText(text: string): Uint8Array {
  if (text.length === CURVE_KEY_Z85_SIZE + 1) {
    if (text.charCodeAt(CURVE_KEY_Z85_SIZE) !== 0) {
      throw z85Error('a 41-character CURVE key must end with a NUL character')
    }
    return z85Decode(text.slice(0, CURVE_KEY_Z85_SIZE))
  }
  if (text.length !== CURVE_KEY_Z85_SIZE) {
    throw z85Error(
      `a CURVE key must be 40 Z85 characters (or 41 with a trailing NUL), got ${text.length} characters`,
    )
  }
  return z85Decode(text)
}
