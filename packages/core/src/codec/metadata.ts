import { ErrorCode, ProtocolError } from '../errors.js'
import { asciiDecode, asciiWrite, utf8Decode, utf8Encode } from '../util/bytes.js'

/**
 * Connection metadata (READY and INITIATE properties): name to raw value. A `Map` rather than an object,
 * so that a peer naming a property `__proto__` or `constructor` cannot reach any prototype.
 * Names keep their case: libzmq compares `Socket-Type` and `Identity` case-sensitively.
 */
export type Metadata = Map<string, Uint8Array>

/** Properties defined by ZMTP. Names starting with `X-` are free for applications. */
export const Property = {
  SocketType: 'Socket-Type',
  Identity: 'Identity',
  Resource: 'Resource',
} as const

const MAX_VALUE_SIZE = 0x7fff_ffff

/**
 * Largest property value a peer may send in its handshake. libzmq takes routing ids (the `Identity`
 * property) of 1 to 255 octets, and no standard property needs more; an unbounded value let an
 * unauthenticated peer make the socket hold, and key its routing tables by, megabytes per connection.
 */
export const MAX_PROPERTY_VALUE_SIZE = 255

/** Options of {@link decodeMetadata}. */
export interface DecodeMetadataOptions {
  /** Values longer than this, in octets, are a protocol error (MalformedMetadata). Default: no limit. */
  maxValueSize?: number
}

/** Encodes properties in order: `[name_len:1][name][value_len:4 BE][value]` each. */
export function encodeMetadata(properties: Iterable<[string, Uint8Array | string]>): Uint8Array {
  const entries: [string, Uint8Array][] = []
  let total = 0
  for (const [name, raw] of properties) {
    if (name.length < 1 || name.length > 255 || /[^\x21-\x7e]/.test(name)) {
      throw new TypeError(`invalid metadata property name "${name}"`)
    }
    const value = typeof raw === 'string' ? utf8Encode(raw) : raw
    if (value.length > MAX_VALUE_SIZE) throw new TypeError(`metadata value of "${name}" is too large`)
    entries.push([name, value])
    total += 1 + name.length + 4 + value.length
  }
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  let offset = 0
  for (const [name, value] of entries) {
    out[offset++] = name.length
    offset = asciiWrite(name, out, offset)
    view.setUint32(offset, value.length)
    offset += 4
    out.set(value, offset)
    offset += value.length
  }
  return out
}

/**
 * Decodes properties from `bytes` (the command data after its name). Truncated input or trailing bytes
 * that do not form a whole property are a protocol error, as in libzmq, and so is a value above
 * `options.maxValueSize`. The first of duplicate names wins.
 * Values are views into `bytes`.
 */
export function decodeMetadata(bytes: Uint8Array, options: DecodeMetadataOptions = {}): Metadata {
  const maxValueSize = options.maxValueSize ?? Number.POSITIVE_INFINITY
  const metadata: Metadata = new Map()
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let offset = 0
  while (offset < bytes.length) {
    const nameLength = bytes[offset]!
    offset += 1
    if (offset + nameLength + 4 > bytes.length) {
      throw new ProtocolError(ErrorCode.MalformedMetadata, 'metadata property is truncated')
    }
    const name = asciiDecode(bytes, offset, offset + nameLength)
    offset += nameLength
    const valueLength = view.getUint32(offset)
    offset += 4
    if (valueLength > bytes.length - offset) {
      throw new ProtocolError(
        ErrorCode.MalformedMetadata,
        `metadata value of "${name}" claims ${valueLength} octets, ${bytes.length - offset} remain`,
      )
    }
    if (valueLength > maxValueSize) {
      throw new ProtocolError(
        ErrorCode.MalformedMetadata,
        `metadata value of "${name}" has ${valueLength} octets, more than the ${maxValueSize} allowed`,
      )
    }
    if (!metadata.has(name)) metadata.set(name, bytes.subarray(offset, offset + valueLength))
    offset += valueLength
  }
  return metadata
}

/** A property's value as text, or undefined. */
export function metadataText(metadata: Metadata, name: string): string | undefined {
  const value = metadata.get(name)
  return value === undefined ? undefined : utf8Decode(value)
}
