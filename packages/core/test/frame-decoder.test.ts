import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ErrorCode,
  encodeCommand,
  encodeCommandFrame,
  encodeFrame,
  encodeMessage,
  encodePing,
  encodeReady,
  FrameDecoder,
  FrameFlags,
  frameHeaderSize,
  toHex,
} from '../src/index.js'
import {
  bytewise,
  concat,
  type DecodedFrame,
  decodeFrames,
  expectFrames,
  expectProtocolError,
  pattern,
  split,
  text,
  wire,
} from './codec-helpers.js'

const { More, Long, Command } = FrameFlags

/** What a peer might send after the handshake: commands, long and short frames, empty ones, multipart. */
function realisticFrames(): DecodedFrame[] {
  const frames: [number, Uint8Array][] = [
    [
      Command,
      encodeReady([
        ['Socket-Type', 'DEALER'],
        ['Identity', new Uint8Array(0)],
      ]),
    ],
    [More, new Uint8Array(0)],
    [0, text('hi')],
    [More, pattern(300, 1)],
    [0, pattern(70000, 2)],
    [0, new Uint8Array(0)],
    [Command, encodePing(42, text('ctx'))],
    [More, pattern(255, 3)],
    [More, pattern(256, 4)],
    [0, pattern(1, 5)],
    [Command, encodeCommand('SUBSCRIBE', pattern(400, 6))],
    [More, text('a')],
    [More, pattern(10, 7)],
    [0, text('c')],
  ]
  // The decoder reports the LONG bit it saw, and the encoder sets it exactly above 255 octets.
  return frames.map(([flags, body]) => ({ flags: flags | (body.length > 255 ? Long : 0), body }))
}

function encodeStream(frames: readonly DecodedFrame[]): Uint8Array {
  return concat(...frames.map(({ flags, body }) => encodeFrame(flags, body)))
}

function summary(frames: readonly DecodedFrame[]): [number, string][] {
  return frames.map(({ flags, body }) => [flags, toHex(body)])
}

describe('FrameDecoder: chunking does not matter', () => {
  const expected = realisticFrames()
  const stream = encodeStream(expected)
  const frameStarts: number[] = []
  for (let i = 0, at = 0; i < expected.length; i++) {
    frameStarts.push(at)
    at += frameHeaderSize(expected[i]!.body.length) + expected[i]!.body.length
  }
  // Uniform cuts rarely land inside a 9-octet header of a 71 kB stream, so half of them aim near one.
  const cuts = fc.array(
    fc.oneof(
      fc.nat(),
      fc
        .tuple(fc.nat({ max: frameStarts.length - 1 }), fc.nat({ max: 11 }))
        .map(([frame, delta]) => frameStarts[frame]! + delta),
    ),
    { maxLength: 40 },
  )

  it('decodes the stream pushed whole', () => {
    expectFrames(decodeFrames([stream]), expected)
  })

  it('decodes the stream pushed one octet at a time', () => {
    expectFrames(decodeFrames(bytewise(stream)), expected)
  })

  it('decodes the stream cut at random places, empty chunks included', () => {
    fc.assert(
      fc.property(cuts, (picks) => {
        expectFrames(decodeFrames(split(stream, picks)), expected)
      }),
      { numRuns: 150 },
    )
  })

  it('hands out a view into the chunk for a frame wholly inside it, and an exact-size copy otherwise', () => {
    // Where each frame starts and where its body lies within the stream.
    const spans: { start: number; bodyStart: number; end: number }[] = []
    let position = 0
    for (const { body } of expected) {
      const bodyStart = position + frameHeaderSize(body.length)
      spans.push({ start: position, bodyStart, end: bodyStart + body.length })
      position = bodyStart + body.length
    }
    fc.assert(
      fc.property(cuts, (picks) => {
        const chunks = split(stream, picks)
        const chunkStarts: number[] = []
        let at = 0
        for (const chunk of chunks) {
          chunkStarts.push(at)
          at += chunk.length
        }
        const buffers = new Set<ArrayBufferLike>(chunks.map((chunk) => chunk.buffer))
        const frames = decodeFrames(chunks)
        expect(frames.length).toBe(spans.length)
        let sharedSeen = 0
        frames.forEach(({ body }, i) => {
          const { start, bodyStart, end } = spans[i]!
          if (body.length === 0) return
          const within = (from: number, to: number) =>
            chunkStarts.findIndex(
              (chunkStart, c) => chunkStart <= from && to <= chunkStart + chunks[c]!.length,
            )
          const index = within(start, end)
          const bodySplit = within(bodyStart, end) < 0
          if (index >= 0) {
            sharedSeen++
            expect(body.buffer).toBe(chunks[index]!.buffer)
            expect(body.byteOffset).toBe(chunks[index]!.byteOffset + bodyStart - chunkStarts[index]!)
          } else if (bodySplit) {
            expect(buffers.has(body.buffer)).toBe(false)
            expect(body.buffer.byteLength).toBe(body.length)
          }
        })
        // With no cuts at all every frame is a view; keeps the property from passing vacuously.
        if (chunks.length === 1) expect(sharedSeen).toBe(frames.filter((f) => f.body.length > 0).length)
      }),
      { numRuns: 100 },
    )
  })

  it('delivers the earlier frames of a chunk synchronously, in order', () => {
    const seen: string[] = []
    const decoder = new FrameDecoder((_flags, body) => seen.push(toHex(body)))
    decoder.push(wire("01 01 'a' 00 02 'bc' 00"))
    expect(seen).toEqual(['61', '6263'])
    expect(decoder.midFrame).toBe(true)
  })
})

describe('FrameDecoder: encodeMessage round trip (property)', () => {
  const part = fc.oneof(
    fc.constant(new Uint8Array(0)),
    fc.uint8Array({ maxLength: 8 }),
    fc.uint8Array({ minLength: 250, maxLength: 262 }),
    fc.uint8Array({ maxLength: 2000 }),
  )

  it('returns the same parts with MORE on all but the last, however the bytes are cut', () => {
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (parts, picks) => {
          const encoded = encodeMessage(parts)
          const expectedSize = parts.reduce((sum, p) => sum + frameHeaderSize(p.length) + p.length, 0)
          expect(encoded.length).toBe(expectedSize)
          const frames = decodeFrames(split(encoded, picks))
          expect(frames.map((f) => toHex(f.body))).toEqual(parts.map(toHex))
          expect(frames.map((f) => f.flags)).toEqual(
            parts.map((p, i) => (i < parts.length - 1 ? More : 0) | (p.length > 255 ? Long : 0)),
          )
        },
      ),
      { numRuns: 300 },
    )
  })

  it('decodes several messages back to back, as a connection carries them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(part, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (messages, picks) => {
          const frames = decodeFrames(split(concat(...messages.map(encodeMessage)), picks))
          // Regroup by MORE, as a socket would.
          const regrouped: string[][] = [[]]
          for (const { flags, body } of frames) {
            regrouped[regrouped.length - 1]!.push(toHex(body))
            if ((flags & More) === 0) regrouped.push([])
          }
          regrouped.pop()
          expect(regrouped).toEqual(messages.map((parts) => parts.map(toHex)))
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('FrameDecoder: truncated and oversized input', () => {
  it('keeps a truncated frame pending: no frame, no error, until the rest arrives', () => {
    const frames: DecodedFrame[] = []
    const decoder = new FrameDecoder((flags, body) => frames.push({ flags, body }))
    decoder.push(wire("00 05 'ab'"))
    expect(frames).toEqual([])
    expect(decoder.midFrame).toBe(true)
    decoder.push(wire("'cde'"))
    expect(summary(frames)).toEqual([[0, toHex(text('abcde'))]])
    expect(decoder.midFrame).toBe(false)
  })

  it('keeps a truncated long header pending', () => {
    const frames: DecodedFrame[] = []
    const decoder = new FrameDecoder((flags, body) => frames.push({ flags, body }))
    decoder.push(wire('02 00 00 00'))
    expect(frames).toEqual([])
    expect(decoder.midFrame).toBe(true)
  })

  it('allocates nothing when only the header of a huge frame has arrived', () => {
    // 2^52 octets could never be allocated: had the decoder tried, this push would throw a RangeError.
    const frames: DecodedFrame[] = []
    const decoder = new FrameDecoder((flags, body) => frames.push({ flags, body }))
    decoder.push(wire('02 00 10 00 00 00 00 00 00'))
    expect(frames).toEqual([])
    expect(decoder.midFrame).toBe(true)
  })

  it('turns a body it cannot allocate into a typed error and then stays failed', () => {
    const frames: DecodedFrame[] = []
    const decoder = new FrameDecoder((flags, body) => frames.push({ flags, body }))
    decoder.push(wire('02 00 10 00 00 00 00 00 00'))
    expectProtocolError(() => decoder.push(wire('41')), ErrorCode.FrameTooLarge)
    expect(decoder.midFrame).toBe(false)
    decoder.push(wire("00 01 'x'"))
    expect(frames).toEqual([])
  })

  it.each([
    ['2^63', '02 80 00 00 00 00 00 00 00'],
    ['2^63 - 1', '02 7F FF FF FF FF FF FF FF'],
    ['2^64 - 1', '02 FF FF FF FF FF FF FF FF'],
    ['2^53', '02 00 20 00 00 00 00 00 00'],
  ])('rejects a long size of %s as soon as its 8th size octet arrives', (_name, header) => {
    const bytes = wire(header)
    const decoder = new FrameDecoder(() => expect.fail('no frame expected'))
    for (const byte of bytes.subarray(0, 8)) decoder.push(Uint8Array.of(byte))
    expectProtocolError(() => decoder.push(bytes.subarray(8)), ErrorCode.FrameTooLarge)
  })

  it('rejects a long size of 2^53 or more whose header and body octets share one chunk', () => {
    const decoder = new FrameDecoder(() => expect.fail('no frame expected'))
    expectProtocolError(() => decoder.push(wire("02 00 20 00 00 00 00 00 00 'abc'")), ErrorCode.FrameTooLarge)
  })

  it('hands out a long frame wholly inside the chunk as a view, after a frame split before it', () => {
    const body = pattern(300)
    const frame = concat(wire('03 00 00 00 00 00 00 01 2C'), body)
    const stream = concat(wire("00 02 'ab'"), frame, frame)
    const frames: DecodedFrame[] = []
    const decoder = new FrameDecoder((flags, bytes) => frames.push({ flags, body: bytes }))
    // The first frame is cut inside its body, the second long frame inside its size, the third is whole.
    const cut1 = 3
    const cut2 = 4 + 5
    decoder.push(stream.subarray(0, cut1))
    decoder.push(stream.subarray(cut1, cut2))
    const last = stream.slice(cut2)
    decoder.push(last)
    expect(frames.map((f) => [f.flags, f.body.length])).toEqual([
      [0, 2],
      [More | Long, 300],
      [More | Long, 300],
    ])
    expect(toHex(frames[1]!.body)).toBe(toHex(body))
    expect(frames[2]!.body.buffer).toBe(last.buffer)
    expect(toHex(frames[2]!.body)).toBe(toHex(body))
  })

  it('accepts a long size of 2^53 - 1 in the header (only the limit or allocation can refuse it)', () => {
    const decoder = new FrameDecoder(() => expect.fail('no frame expected'))
    decoder.push(wire('02 00 1F FF FF FF FF FF FF'))
    expect(decoder.midFrame).toBe(true)
  })

  it('rejects a short frame over maxFrameSize when its size octet arrives, before any body', () => {
    const decoder = new FrameDecoder(() => expect.fail('no frame expected'), { maxFrameSize: 10 })
    decoder.push(wire('00'))
    expectProtocolError(() => decoder.push(wire('0B')), ErrorCode.FrameTooLarge)
  })

  it('rejects a short frame over maxFrameSize that lies wholly inside the chunk', () => {
    const frames: DecodedFrame[] = []
    const decoder = new FrameDecoder((flags, body) => frames.push({ flags, body }), { maxFrameSize: 3 })
    expectProtocolError(
      () => decoder.push(wire("01 03 'abc' 00 04 'abcd' 00 01 'z'")),
      ErrorCode.FrameTooLarge,
    )
    // The frame before the bad one was delivered, nothing after it.
    expect(summary(frames)).toEqual([[More, toHex(text('abc'))]])
  })

  it('rejects a long frame over maxFrameSize that lies wholly inside the chunk', () => {
    const frames: DecodedFrame[] = []
    const decoder = new FrameDecoder((flags, body) => frames.push({ flags, body }), { maxFrameSize: 299 })
    const stream = concat(wire("01 02 'ab' 02 00 00 00 00 00 00 01 2C"), pattern(300), wire("00 01 'z'"))
    expectProtocolError(() => decoder.push(stream), ErrorCode.FrameTooLarge)
    // The frame before the bad one was delivered, nothing after it.
    expect(summary(frames)).toEqual([[More, toHex(text('ab'))]])
  })

  it('rejects a long frame over maxFrameSize when its header completes, before any body', () => {
    const decoder = new FrameDecoder(() => expect.fail('no frame expected'), { maxFrameSize: 1000 })
    const header = wire('02 00 00 00 00 00 00 03 E9')
    for (const byte of header.subarray(0, 8)) decoder.push(Uint8Array.of(byte))
    expectProtocolError(() => decoder.push(header.subarray(8)), ErrorCode.FrameTooLarge)
  })

  it('rejects a huge claim against maxFrameSize even with the header in the same chunk as body octets', () => {
    const decoder = new FrameDecoder(() => expect.fail('no frame expected'), { maxFrameSize: 1 << 20 })
    expectProtocolError(
      () => decoder.push(wire('06 00 00 00 01 00 00 00 00 41 42 43')),
      ErrorCode.FrameTooLarge,
    )
  })

  it('accepts frames of exactly maxFrameSize in both forms', () => {
    expect(decodeFrames([wire("00 03 'abc'")], { maxFrameSize: 3 }).length).toBe(1)
    const body = pattern(300)
    expect(decodeFrames(bytewise(encodeFrame(0, body)), { maxFrameSize: 300 })[0]!.body).toEqual(body)
  })

  it('ignores all input after an error', () => {
    const frames: DecodedFrame[] = []
    const decoder = new FrameDecoder((flags, body) => frames.push({ flags, body }))
    expectProtocolError(() => decoder.push(wire('02 7F FF FF FF FF FF FF FF')), ErrorCode.FrameTooLarge)
    expect(() => decoder.push(wire("00 01 'x' 04 05 04 'PING'"))).not.toThrow()
    expect(() => decoder.push(wire('02 7F FF FF FF FF FF FF FF'))).not.toThrow()
    expect(frames).toEqual([])
    expect(decoder.midFrame).toBe(false)
  })
})

describe('FrameDecoder: permissive like libzmq', () => {
  it.each([0x08, 0x10, 0x20, 0x40, 0x80].map((bit) => [`0x${bit.toString(16)}`, bit] as const))(
    'ignores reserved flag bit %s',
    (_name, bit) => {
      const frames = decodeFrames([
        Uint8Array.of(bit | More, 1, 0x41),
        Uint8Array.of(bit | Command, 2, 0x01, 0x58),
        concat(Uint8Array.of(bit | Long), wire('00 00 00 00 00 00 00 02'), text('zz')),
      ])
      expect(summary(frames)).toEqual([
        [More, '41'],
        [Command, '0158'],
        [Long, '7a7a'],
      ])
    },
  )

  it('ignores all reserved bits at once, split or whole', () => {
    const bytes = wire("F9 02 'ok' FC 00")
    for (const chunks of [[bytes], bytewise(bytes)]) {
      expect(summary(decodeFrames(chunks))).toEqual([
        [More, toHex(text('ok'))],
        [Command, ''],
      ])
    }
  })

  it('decodes LONG with a small size', () => {
    const bytes = wire("02 00 00 00 00 00 00 00 05 'hello' 02 00*8 06 00 00 00 00 00 00 00 01 'x'")
    for (const chunks of [[bytes], bytewise(bytes)]) {
      expect(summary(decodeFrames(chunks))).toEqual([
        [Long, toHex(text('hello'))],
        [Long, ''],
        [Long | Command, '78'],
      ])
    }
  })

  it('passes MORE on a command through for the engine to judge', () => {
    expect(summary(decodeFrames([wire("05 05 04 'PONG'")]))).toEqual([
      [More | Command, toHex(wire("04 'PONG'"))],
    ])
  })

  it('decodes a command frame built by encodeCommandFrame', () => {
    const body = encodeCommand('READY')
    expect(summary(decodeFrames([encodeCommandFrame(body)]))).toEqual([[Command, toHex(body)]])
  })
})
