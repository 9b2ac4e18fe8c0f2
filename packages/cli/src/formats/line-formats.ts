import { join, split, strictUtf8, utf8 } from './bytes.js'
import { type Format, FormatError } from './format.js'

const NEWLINE = utf8('\n')

function line(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 1)
  out.set(bytes)
  out[bytes.length] = NEWLINE[0]!
  return out
}

/** `text`: frames as they are, joined by the delimiter. Input must be UTF-8: binary belongs in another format. */
export function textFormat(delimiter: Uint8Array): Format {
  return {
    name: 'text',
    encode: (message) => line(join(message, delimiter)),
    decodeLine(bytes) {
      if (strictUtf8(bytes) === undefined || bytes.includes(0)) {
        throw new FormatError('is not UTF-8 text; read binary input with --format quoted, hex, base64 or raw')
      }
      return split(bytes, delimiter)
    },
  }
}

/** A line format whose frames are each encoded by `encodeFrame` and read back by `decodeFrame`. */
function perFrame(
  name: 'hex' | 'base64' | 'quoted',
  delimiter: Uint8Array,
  encodeFrame: (frame: Uint8Array) => Uint8Array,
  decodeFrame: (text: Uint8Array, index: number) => Uint8Array,
): Format {
  return {
    name,
    encode: (message) => line(join(message.map(encodeFrame), delimiter)),
    decodeLine: (bytes) => split(bytes, delimiter).map(decodeFrame),
  }
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** `hex`: each frame in hexadecimal. */
export function hexFormat(delimiter: Uint8Array): Format {
  return perFrame(
    'hex',
    delimiter,
    (frame) => utf8(Buffer.from(frame).toString('hex')),
    (text, index) => {
      const value = Buffer.from(text).toString('latin1')
      if (!HEX.test(value))
        throw new FormatError(`has frame ${index + 1} that is not an even run of hex digits`)
      return new Uint8Array(Buffer.from(value, 'hex'))
    },
  )
}

/** `base64`: each frame in standard, padded base64. */
export function base64Format(delimiter: Uint8Array): Format {
  return perFrame(
    'base64',
    delimiter,
    (frame) => utf8(Buffer.from(frame).toString('base64')),
    (text, index) => {
      const value = Buffer.from(text).toString('latin1')
      if (!BASE64.test(value)) throw new FormatError(`has frame ${index + 1} that is not padded base64`)
      return new Uint8Array(Buffer.from(value, 'base64'))
    },
  )
}

const BACKSLASH = 0x5c
const HEX_DIGITS = '0123456789abcdef'
const SHORT_ESCAPES: Readonly<Record<number, string>> = { 9: 't', 10: 'n', 13: 'r', 92: '\\' }
const SHORT_UNESCAPES: Readonly<Record<string, number>> = { t: 0x09, n: 0x0a, r: 0x0d, '\\': 0x5c }

/** `quoted`: printable ASCII as it is; the delimiter's octets, backslash and everything else escaped. */
export function quotedFormat(delimiter: Uint8Array): Format {
  const reserved = new Set(delimiter)
  const encodeFrame = (frame: Uint8Array): Uint8Array => {
    let out = ''
    for (const octet of frame) {
      const short = SHORT_ESCAPES[octet]
      if (short !== undefined) out += `\\${short}`
      else if (octet >= 0x20 && octet < 0x7f && !reserved.has(octet)) out += String.fromCharCode(octet)
      else out += `\\x${HEX_DIGITS[octet >> 4]}${HEX_DIGITS[octet & 15]}`
    }
    return utf8(out)
  }
  const decodeFrame = (text: Uint8Array, index: number): Uint8Array => {
    const out: number[] = []
    for (let i = 0; i < text.length; i++) {
      const octet = text[i]!
      if (octet !== BACKSLASH) {
        out.push(octet)
        continue
      }
      const kind = String.fromCharCode(text[i + 1] ?? 0)
      const short = SHORT_UNESCAPES[kind]
      if (short !== undefined) {
        out.push(short)
        i += 1
        continue
      }
      const digits = String.fromCharCode(text[i + 2] ?? 0, text[i + 3] ?? 0)
      if (kind !== 'x' || !/^[0-9a-fA-F]{2}$/.test(digits)) {
        throw new FormatError(`has a bad escape in frame ${index + 1}: use \\xHH, \\t, \\n, \\r or \\\\`)
      }
      out.push(Number.parseInt(digits, 16))
      i += 3
    }
    return new Uint8Array(out)
  }
  return perFrame('quoted', delimiter, encodeFrame, decodeFrame)
}

/** `json`: one JSON array per line, each frame a string when it is UTF-8 and `{"base64": "..."}` otherwise. */
export function jsonFormat(): Format {
  return {
    name: 'json',
    encode(message) {
      const frames = message.map((frame) => {
        const text = strictUtf8(frame)
        return text ?? { base64: Buffer.from(frame).toString('base64') }
      })
      return line(utf8(JSON.stringify(frames)))
    },
    decodeLine(bytes) {
      let value: unknown
      try {
        value = JSON.parse(Buffer.from(bytes).toString('utf8'))
      } catch {
        throw new FormatError('is not JSON: give an array of frames, such as ["topic", "body"]')
      }
      const frames = typeof value === 'string' ? [value] : value
      if (!Array.isArray(frames) || frames.length === 0) {
        throw new FormatError('is not a non-empty JSON array of frames')
      }
      return frames.map((frame: unknown, index) => {
        if (typeof frame === 'string') return utf8(frame)
        const base64 = (frame as { base64?: unknown } | null)?.base64
        if (typeof base64 === 'string' && BASE64.test(base64))
          return new Uint8Array(Buffer.from(base64, 'base64'))
        throw new FormatError(`has frame ${index + 1} that is neither a string nor {"base64": "..."}`)
      })
    },
  }
}
