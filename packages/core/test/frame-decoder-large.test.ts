import { describe, expect, it } from 'vitest'
import { EAGER_BODY_LIMIT, ErrorCode, FrameDecoder, FrameFlags, MAX_ASSEMBLED_BODY } from '../src/index.js'
import {
  concat,
  type DecodedFrame,
  decodeFrames,
  expectProtocolError,
  pattern,
  split,
  wire,
} from './codec-helpers.js'

/** A long frame header claiming `size` octets. */
function longHeader(flags: number, size: number): Uint8Array {
  const header = new Uint8Array(9)
  header[0] = flags | FrameFlags.Long
  new DataView(header.buffer).setBigUint64(1, BigInt(size))
  return header
}

describe('FrameDecoder with bodies beyond EAGER_BODY_LIMIT', () => {
  it('is 1 MiB', () => {
    expect(EAGER_BODY_LIMIT).toBe(1024 * 1024)
  })

  it('reassembles a 3 MiB frame split into many chunks exactly', () => {
    const body = pattern(3 * 1024 * 1024 + 5, 9)
    const stream = concat(longHeader(FrameFlags.More, body.length), body, wire('00 01 2a'))
    const cuts = Array.from({ length: 40 }, (_, i) => 9 + i * 80_001)
    const frames = decodeFrames(split(stream, cuts))
    expect(frames.length).toBe(2)
    expect(frames[0]!.flags).toBe(FrameFlags.More | FrameFlags.Long)
    expect(frames[0]!.body.length).toBe(body.length)
    expect(Buffer.from(frames[0]!.body).equals(Buffer.from(body))).toBe(true)
    expect(frames[1]).toEqual({ flags: 0, body: wire('2a') })
  })

  it('reassembles a frame of exactly the limit, and one octet more, fed byte runs of odd sizes', () => {
    for (const size of [EAGER_BODY_LIMIT, EAGER_BODY_LIMIT + 1, 2 * EAGER_BODY_LIMIT + 3]) {
      const body = pattern(size, size & 0xff)
      const stream = concat(longHeader(0, size), body)
      const chunks: Uint8Array[] = []
      for (let offset = 0; offset < stream.length; offset += 65_537)
        chunks.push(stream.slice(offset, offset + 65_537))
      const frames: DecodedFrame[] = decodeFrames(chunks)
      expect(frames.length).toBe(1)
      expect(Buffer.from(frames[0]!.body).equals(Buffer.from(body))).toBe(true)
    }
  })

  it('waits for the bytes of a claim up to MAX_ASSEMBLED_BODY, and refuses a larger one at its first octet', () => {
    const decoder = new FrameDecoder(() => {
      throw new Error('no frame may complete')
    })
    decoder.push(longHeader(0, MAX_ASSEMBLED_BODY))
    decoder.push(Uint8Array.of(7))
    expect(decoder.midFrame).toBe(true)
    const beyond = new FrameDecoder(() => {})
    beyond.push(longHeader(0, MAX_ASSEMBLED_BODY + 1))
    expectProtocolError(() => beyond.push(Uint8Array.of(7)), ErrorCode.FrameTooLarge)
  })

  it('keeps a 4 GiB claim with one body octet to about EAGER_BODY_LIMIT of buffer memory', () => {
    const before = process.memoryUsage().arrayBuffers
    const decoders: FrameDecoder[] = []
    for (let i = 0; i < 8; i++) {
      const decoder = new FrameDecoder(() => {})
      decoder.push(concat(longHeader(0, 2 ** 32), Uint8Array.of(1)))
      decoders.push(decoder)
    }
    const grown = process.memoryUsage().arrayBuffers - before
    // Eight claims of 4 GiB each: trusting them would reserve 32 GiB; here about 8 MiB.
    expect(grown).toBeLessThan(8 * EAGER_BODY_LIMIT + 4 * 1024 * 1024)
    expect(decoders.every((decoder) => decoder.midFrame)).toBe(true)
  })

  it('still refuses a claim above maxFrameSize before buffering anything', () => {
    const decoder = new FrameDecoder(() => {}, { maxFrameSize: 2 * EAGER_BODY_LIMIT })
    expect(() => decoder.push(longHeader(0, 2 * EAGER_BODY_LIMIT + 1))).toThrow(/exceeds the maximum/)
  })
})
