/** Byte helpers that work the same in Node and browsers (no `Buffer`). */

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** A message part as users may give it. */
export type BytesLike = string | Uint8Array | ArrayBuffer | ArrayBufferView

export const EMPTY = new Uint8Array(0)

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text)
}

export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes)
}

/** Latin-1 decode for protocol names (command names, property names), which are ASCII on the wire. */
export function asciiDecode(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let text = ''
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!)
  return text
}

/** Writes an ASCII string into `target` at `offset`; returns the offset after it. */
export function asciiWrite(text: string, target: Uint8Array, offset: number): number {
  for (let i = 0; i < text.length; i++) target[offset + i] = text.charCodeAt(i) & 0xff
  return offset + text.length
}

/** Converts a user-supplied part to bytes without copying when it already is bytes. */
export function toBytes(value: BytesLike): Uint8Array {
  if (typeof value === 'string') return encoder.encode(value)
  if (value instanceof Uint8Array) return value
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  throw new TypeError('expected a string, Uint8Array, ArrayBuffer or ArrayBufferView')
}

/**
 * A copy that owns its memory. `slice()` is not enough: on a Node `Buffer` (which transports may hand
 * us) it returns a view.
 */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes)
}

export function concatBytes(chunks: readonly Uint8Array[], total?: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  let size = total ?? 0
  if (total === undefined) for (const chunk of chunks) size += chunk.length
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Lower-case hex, handy for routing ids in logs and map keys. */
export function toHex(bytes: Uint8Array): string {
  let hex = ''
  for (let i = 0; i < bytes.length; i++) hex += bytes[i]!.toString(16).padStart(2, '0')
  return hex
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '')
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new TypeError(`invalid hex: ${hex}`)
  const out = new Uint8Array(clean.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16)
  return out
}
