import { expect } from 'vitest'
import { type ErrorCode, FrameDecoder, type FrameDecoderOptions, ProtocolError } from '../src/index.js'

/**
 * Builds bytes from the notation used in the wire notes, so fixtures can be read side by side with them:
 * hex octets (`04 29`, or runs such as `00000006`), `'ASCII'` text and repeated octets (`00*16`).
 * Deliberately independent of the codec's own helpers.
 */
export function wire(spec: string): Uint8Array {
  const out: number[] = []
  const token = /'([^']*)'|([0-9a-fA-F]{2})\*(\d+)|([0-9a-fA-F]+)|(\S)/g
  for (const match of spec.matchAll(token)) {
    const [, ascii, repeated, count, hex, junk] = match
    if (junk !== undefined) throw new Error(`bad fixture token ${junk} in ${spec}`)
    if (ascii !== undefined) {
      for (const char of ascii) out.push(char.charCodeAt(0))
    } else if (repeated !== undefined) {
      for (let i = 0; i < Number(count); i++) out.push(Number.parseInt(repeated, 16))
    } else if (hex !== undefined) {
      if (hex.length % 2 !== 0) throw new Error(`odd hex run ${hex} in ${spec}`)
      for (let i = 0; i < hex.length; i += 2) out.push(Number.parseInt(hex.slice(i, i + 2), 16))
    }
  }
  return Uint8Array.from(out)
}

export function text(value: string): Uint8Array {
  return new TextEncoder().encode(value)
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** Content that differs per position and per seed, so a misplaced or shifted body cannot pass. */
export function pattern(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed * 7 + (i >>> 8)) & 0xff
  return out
}

/**
 * Cuts `bytes` at the given positions (taken modulo length + 1, so empty chunks at either end and
 * repeated cuts are possible). Every chunk is copied into its own ArrayBuffer, as chunks read from a
 * socket would be.
 */
export function split(bytes: Uint8Array, picks: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(picks.map((pick) => pick % (bytes.length + 1)))].sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let start = 0
  for (const cut of cuts) {
    chunks.push(bytes.slice(start, cut))
    start = cut
  }
  chunks.push(bytes.slice(start))
  return chunks
}

export function bytewise(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (byte) => Uint8Array.of(byte))
}

export interface DecodedFrame {
  flags: number
  body: Uint8Array
}

/** Feeds every chunk to a fresh decoder and returns the frames it handed out, in order. */
export function decodeFrames(chunks: Iterable<Uint8Array>, options?: FrameDecoderOptions): DecodedFrame[] {
  const frames: DecodedFrame[] = []
  const decoder = new FrameDecoder((flags, body) => frames.push({ flags, body }), options)
  for (const chunk of chunks) decoder.push(chunk)
  expect(decoder.midFrame).toBe(false)
  return frames
}

/** Runs `action` and checks that it throws a ProtocolError with exactly `code`. */
export function expectProtocolError(action: () => unknown, code: ErrorCode): ProtocolError {
  let caught: unknown
  try {
    action()
  } catch (error) {
    caught = error
  }
  expect(caught, `expected a ProtocolError ${code}`).toBeInstanceOf(ProtocolError)
  expect((caught as ProtocolError).code).toBe(code)
  return caught as ProtocolError
}

/** Compares decoded frames cheaply (bodies can be large), printing hex only for a mismatch. */
export function expectFrames(actual: readonly DecodedFrame[], expected: readonly DecodedFrame[]): void {
  expect(actual.map((frame) => frame.flags)).toEqual(expected.map((frame) => frame.flags))
  actual.forEach(({ body }, i) => {
    const want = expected[i]!.body
    let same = body.length === want.length
    for (let j = 0; same && j < body.length; j++) same = body[j] === want[j]
    if (!same) expect.fail(`frame ${i}: got ${body.length} octets, expected ${want.length}`)
  })
}
