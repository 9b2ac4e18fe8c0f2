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

describe('FrameDecoder.alignedReadSize', () => {
  const size = 65_536
  const frame = 9 + size

  it('is the rest of the frame under way, then as many whole frames of the newest size as fit', () => {
    const { decoder } = collecting()
    // Nothing decoded yet: the newest size is 0, a frame of 2 header octets.
    expect(decoder.alignedReadSize(10)).toBe(10)
    decoder.push(concat(longHeader(0, size), pattern(size, 1)))
    expect(decoder.alignedReadSize(256 * 1024)).toBe(3 * frame)
    expect(decoder.alignedReadSize(frame - 1)).toBeUndefined()
    decoder.push(longHeader(0, size))
    expect(decoder.alignedReadSize(256 * 1024)).toBe(size + 2 * frame)
    decoder.push(pattern(1000, 2))
    expect(decoder.alignedReadSize(256 * 1024)).toBe(size - 1000 + 3 * frame)
    expect(decoder.alignedReadSize(size - 1000 + frame - 1)).toBeUndefined()
  })

  it('offers nothing inside a frame header', () => {
    const { decoder } = collecting()
    decoder.push(longHeader(0, size).subarray(0, 4))
    expect(decoder.alignedReadSize(256 * 1024)).toBeUndefined()
  })

  it('reads of that size hand every frame out as a view, with no copy', () => {
    const { frames, decoder } = collecting()
    const bodies = Array.from({ length: 10 }, (_, i) => pattern(size, i))
    const stream = concat(...bodies.flatMap((body) => [longHeader(0, size), body]))
    const chunks: Uint8Array[] = []
    // The first read is cut anywhere, as a transport's first read is; from then on reads follow the advice.
    let readSize = 100_000
    for (let offset = 0; offset < stream.length; ) {
      const chunk = stream.slice(offset, offset + readSize)
      chunks.push(chunk)
      offset += chunk.length
      decoder.push(chunk)
      readSize = decoder.readTarget(16 * 1024)?.length ?? decoder.alignedReadSize(256 * 1024)!
    }
    expect(frames.map((f) => Buffer.from(f.body).equals(Buffer.from(bodies[frames.indexOf(f)]!)))).toEqual(
      bodies.map(() => true),
    )
    // Only the frame the first read cut was assembled; every later one lies in the chunk it arrived in.
    const views = frames.filter((f) => chunks.some((chunk) => chunk.buffer === f.body.buffer))
    expect(views.length).toBe(frames.length - 1)
  })
})

describe('FrameDecoder.readAdvice, frames larger than one read', () => {
  const minimum = 16 * 1024
  const limit = 256 * 1024

  /**
   * Plays a transport that follows the advice: a view is read into in place, a number is read into
   * memory of the transport's own. Records every advice and, per frame, whether it was handed out in
   * memory the decoder offered.
   */
  function followAdvice(decoder: FrameDecoder, stream: Uint8Array) {
    const advice: (number | 'view' | undefined)[] = []
    const offered = new Set<ArrayBufferLike>()
    for (let offset = 0; offset < stream.length; ) {
      const next = decoder.readAdvice(minimum, limit)
      advice.push(next instanceof Uint8Array ? 'view' : next)
      const into = next instanceof Uint8Array ? next : new Uint8Array(next ?? 65536)
      if (next instanceof Uint8Array) offered.add(next.buffer)
      const n = Math.min(into.length, stream.length - offset)
      into.set(stream.subarray(offset, offset + n))
      offset += n
      decoder.push(into.subarray(0, n))
    }
    return { advice, offered }
  }

  it('reads the header alone, then the body straight into its own buffer: no body is copied', () => {
    const { frames, decoder } = collecting()
    const size = 300 * 1024
    const bodies = Array.from({ length: 4 }, (_, i) => pattern(size, i))
    const stream = concat(...bodies.flatMap((body) => [longHeader(0, size), body]))
    const { advice, offered } = followAdvice(decoder, stream)
    expect(frames.map((f) => Buffer.from(f.body).equals(Buffer.from(bodies[frames.indexOf(f)]!)))).toEqual(
      bodies.map(() => true),
    )
    // Once the first frame told the size: a 9-octet header read, then one read into the body, per frame.
    const first = advice.indexOf(9)
    expect(first).toBeGreaterThan(0)
    expect(advice.slice(first)).toEqual([9, 'view', 9, 'view', 9, 'view'])
    for (const frame of frames.slice(1)) {
      expect(offered.has(frame.body.buffer)).toBe(true)
      expect(frame.body.byteOffset).toBe(0)
      expect(frame.body.buffer.byteLength).toBe(size)
    }
  })

  it('leaves a body under way alone when only its last octets are missing', () => {
    const { frames, decoder } = collecting()
    const size = 300 * 1024
    const body = pattern(size, 9)
    decoder.push(concat(longHeader(0, size), body.subarray(0, size - 100)))
    // Fewer than `minimum` missing: no view of the body, and no new body either.
    expect(decoder.readAdvice(minimum, limit)).toBe(limit)
    decoder.push(body.subarray(size - 100))
    expect(frames.length).toBe(1)
    expect(Buffer.from(frames[0]!.body).equals(Buffer.from(body))).toBe(true)
  })

  it('keeps reading several frames at a time while they fit', () => {
    const { decoder } = collecting()
    const size = 64 * 1024
    decoder.push(concat(longHeader(0, size), pattern(size, 1)))
    expect(decoder.readAdvice(minimum, limit)).toBe(3 * (size + 9))
  })
})
