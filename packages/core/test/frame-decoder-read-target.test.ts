import { describe, expect, it } from 'vitest'
import { EAGER_BODY_LIMIT, FrameDecoder, FrameFlags } from '../src/index.js'
import { concat, pattern } from './codec-helpers.js'

/** A long frame header for `size` octets. */
function longHeader(flags: number, size: number): Uint8Array {
  const header = new Uint8Array(9)
  header[0] = flags | FrameFlags.Long
  new DataView(header.buffer).setBigUint64(1, BigInt(size))
  return header
}

function collecting() {
  const frames: { flags: number; body: Uint8Array }[] = []
  const decoder = new FrameDecoder((flags, body) => frames.push({ flags, body }))
  return { frames, decoder }
}

/** Plays a transport that reads into the decoder's target when it offers one (see readTarget). */
function feedLikeTransport(decoder: FrameDecoder, stream: Uint8Array, readSize: number, minimum: number) {
  let offset = 0
  let direct = 0
  while (offset < stream.length) {
    const target = decoder.readTarget(minimum)
    const into = target ?? new Uint8Array(readSize)
    const n = Math.min(into.length, readSize, stream.length - offset)
    into.set(stream.subarray(offset, offset + n))
    if (target !== undefined) direct += n
    offset += n
    decoder.push(into.subarray(0, n))
  }
  return direct
}

describe('FrameDecoder.readTarget', () => {
  it('offers nothing before a body has started, nor for a short rest', () => {
    const { decoder } = collecting()
    expect(decoder.readTarget(1)).toBeUndefined()
    decoder.push(longHeader(0, 1000))
    // The header alone allocates nothing: a peer that only claims a size costs no memory.
    expect(decoder.readTarget(1)).toBeUndefined()
    decoder.push(new Uint8Array(10))
    expect(decoder.readTarget(990)?.length).toBe(990)
    expect(decoder.readTarget(991)).toBeUndefined()
  })

  it('takes a chunk read into the target in place, and the frames come out whole and in order', () => {
    const { frames, decoder } = collecting()
    const a = pattern(70_000, 1)
    const b = pattern(300, 2)
    const c = pattern(200_000, 3)
    const stream = concat(longHeader(FrameFlags.More, a.length), a, longHeader(FrameFlags.More, b.length), b)
    const all = concat(stream, longHeader(0, c.length), c)
    const direct = feedLikeTransport(decoder, all, 4096, 1024)
    expect(direct).toBeGreaterThan(a.length + c.length - 2 * 4096)
    expect(frames.map((f) => f.body.length)).toEqual([a.length, b.length, c.length])
    expect(Buffer.from(frames[0]!.body).equals(Buffer.from(a))).toBe(true)
    expect(Buffer.from(frames[1]!.body).equals(Buffer.from(b))).toBe(true)
    expect(Buffer.from(frames[2]!.body).equals(Buffer.from(c))).toBe(true)
  })

  it('offers at most the buffer allocated so far for a body beyond the eager limit', () => {
    const { frames, decoder } = collecting()
    const big = pattern(EAGER_BODY_LIMIT * 2 + 7, 5)
    decoder.push(concat(longHeader(0, big.length), big.subarray(0, 100)))
    expect(decoder.readTarget(1)!.length).toBe(EAGER_BODY_LIMIT - 100)
    feedLikeTransport(decoder, big.subarray(100), 65536, 1)
    expect(frames.length).toBe(1)
    expect(Buffer.from(frames[0]!.body).equals(Buffer.from(big))).toBe(true)
  })

  it('still copies a chunk that only looks like the target (same length, other memory)', () => {
    const { frames, decoder } = collecting()
    const body = pattern(50_000, 7)
    decoder.push(concat(longHeader(0, body.length), body.subarray(0, 1000)))
    const target = decoder.readTarget(1)!
    const elsewhere = body.slice(1000)
    expect(elsewhere.length).toBe(target.length)
    decoder.push(elsewhere)
    expect(Buffer.from(frames[0]!.body).equals(Buffer.from(body))).toBe(true)
  })
})
