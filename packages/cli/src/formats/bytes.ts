/** Byte helpers shared by the formats. */

import { concatBytes } from '@zmtp/core'

/** Joins byte arrays into one (core's helper, re-exported for the formats). */
export const concat = concatBytes

const encoder = new TextEncoder()
/** Fatal, and keeping a leading BOM, so that decoding then encoding gives the same bytes back. */
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text)
}

/** `bytes` as a string when they are well-formed UTF-8, otherwise undefined. */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes)
  } catch {
    return undefined
  }
}

/** Where `needle` first occurs in `haystack` at or after `from`, or -1. */
export function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  if (needle.length === 1) return haystack.indexOf(needle[0]!, from)
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

/** Splits `bytes` at every `separator` (an empty input gives one empty part, as a line with one frame). */
export function split(bytes: Uint8Array, separator: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = []
  let start = 0
  for (let at = indexOf(bytes, separator); at >= 0; at = indexOf(bytes, separator, start)) {
    parts.push(bytes.subarray(start, at))
    start = at + separator.length
  }
  parts.push(bytes.subarray(start))
  return parts
}

/** Joins `parts` with `separator` between them. */
export function join(parts: readonly Uint8Array[], separator: Uint8Array): Uint8Array {
  const pieces: Uint8Array[] = []
  parts.forEach((part, i) => {
    if (i > 0) pieces.push(separator)
    pieces.push(part)
  })
  return concat(pieces)
}
