/** Byte helpers shared by the protocol code: UTF-8 both ways, equality, and map keys for routing ids. */

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** A string as UTF-8, or bytes as they are. */
export function bytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? encoder.encode(value) : value
}

/** UTF-8 bytes as a string (services, status codes, ids). */
export function text(value: Uint8Array | undefined): string {
  return value === undefined ? '' : decoder.decode(value)
}

/** Whether two byte arrays hold the same octets. */
export function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (a === undefined || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Bytes as lowercase hex: a stable Map key for routing ids, and Titanic's request ids. */
export function hex(value: Uint8Array): string {
  let out = ''
  for (const byte of value) out += byte.toString(16).padStart(2, '0')
  return out
}

/** A body given as one part or several, as an array of byte parts. */
export function toParts(body: string | Uint8Array | readonly (string | Uint8Array)[]): Uint8Array[] {
  return Array.isArray(body) ? body.map(bytes) : [bytes(body as string | Uint8Array)]
}
