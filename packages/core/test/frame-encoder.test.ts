import { describe, expect, it } from 'vitest'
import {
  encodeCommandFrame,
  encodeFrame,
  encodeMessage,
  FrameFlags,
  frameHeaderSize,
  toHex,
  writeFrameHeader,
} from '../src/index.js'
import { concat, pattern, text, wire } from './codec-helpers.js'

describe('frame encoder: byte-exact fixtures', () => {
  it('encodes an empty frame as 00 00', () => {
    expect(toHex(encodeFrame(0, new Uint8Array(0)))).toBe('0000')
  })

  it('encodes "hi" as 00 02 68 69', () => {
    expect(toHex(encodeFrame(0, text('hi')))).toBe(toHex(wire("00 02 'hi'")))
  })

  it('keeps the short form up to 255 octets (00 FF)', () => {
    const body = pattern(255)
    const frame = encodeFrame(0, body)
    expect(frame.length).toBe(2 + 255)
    expect(toHex(frame.subarray(0, 2))).toBe('00ff')
    expect(toHex(frame.subarray(2))).toBe(toHex(body))
  })

  it('switches to the long form at 256 octets (02 00 00 00 00 00 00 01 00)', () => {
    const body = pattern(256)
    const frame = encodeFrame(0, body)
    expect(frame.length).toBe(9 + 256)
    expect(toHex(frame.subarray(0, 9))).toBe(toHex(wire('02 00 00 00 00 00 00 01 00')))
    expect(toHex(frame.subarray(9))).toBe(toHex(body))
  })

  it('keeps MORE and COMMAND next to LONG', () => {
    expect(toHex(encodeFrame(FrameFlags.More, pattern(256)).subarray(0, 9))).toBe('030000000000000100')
    expect(toHex(encodeCommandFrame(pattern(300)).subarray(0, 9))).toBe('06000000000000012c')
    expect(toHex(encodeCommandFrame(wire("04 'PING' 00 00")))).toBe(toHex(wire("04 07 04 'PING' 00 00")))
  })

  it('encodes the multipart ["", "hi"] as 01 00 00 02 68 69', () => {
    expect(toHex(encodeMessage([new Uint8Array(0), text('hi')]))).toBe('010000026869')
  })

  it('sets MORE on all frames but the last, and LONG per frame', () => {
    const parts = [text('a'), pattern(256, 2), new Uint8Array(0), text('z')]
    const expected = concat(
      wire("01 01 'a'"),
      wire('03 0000000000000100'),
      parts[1]!,
      wire('01 00'),
      wire("00 01 'z'"),
    )
    expect(toHex(encodeMessage(parts))).toBe(toHex(expected))
  })

  it('encodes a single-part message exactly like a lone frame', () => {
    const body = pattern(1000, 3)
    expect(toHex(encodeMessage([body]))).toBe(toHex(encodeFrame(0, body)))
  })
})

describe('writeFrameHeader', () => {
  it('writes an 8-octet size above 2^32 without needing the body', () => {
    // 2^32 + 0x0102_0304: the high word must not be lost to 32-bit arithmetic.
    const size = 0x1_0000_0000 + 0x0102_0304
    const target = new Uint8Array(9)
    expect(writeFrameHeader(target, 0, 0, size)).toBe(9)
    expect(toHex(target)).toBe(toHex(wire('02 00 00 00 01 01 02 03 04')))
  })

  it('writes the largest exact size, 2^53 - 1', () => {
    const target = new Uint8Array(9)
    writeFrameHeader(target, 0, FrameFlags.More, Number.MAX_SAFE_INTEGER)
    expect(toHex(target)).toBe(toHex(wire('03 00 1F FF FF FF FF FF FF')))
  })

  it('writes at an offset, leaves the rest alone and returns the offset after the header', () => {
    const target = new Uint8Array(16).fill(0xee)
    expect(writeFrameHeader(target, 3, FrameFlags.Command, 2 ** 40)).toBe(12)
    expect(toHex(target)).toBe(toHex(wire('EE EE EE 06 00 00 01 00 00 00 00 00 EE EE EE EE')))
    expect(writeFrameHeader(target, 12, FrameFlags.More, 7)).toBe(14)
    expect(toHex(target.subarray(12))).toBe('0107eeee')
  })

  it('chooses the header form from the size, whatever LONG bit the caller passes', () => {
    const short = new Uint8Array(2)
    writeFrameHeader(short, 0, FrameFlags.Long | FrameFlags.More, 5)
    expect(toHex(short)).toBe('0105')
    const long = new Uint8Array(9)
    writeFrameHeader(long, 0, 0, 256)
    expect(long[0]).toBe(FrameFlags.Long)
  })

  it('agrees with frameHeaderSize on the 255/256 boundary', () => {
    expect(frameHeaderSize(0)).toBe(2)
    expect(frameHeaderSize(255)).toBe(2)
    expect(frameHeaderSize(256)).toBe(9)
    for (const size of [0, 1, 255, 256, 65536, 2 ** 33]) {
      expect(writeFrameHeader(new Uint8Array(9), 0, 0, size)).toBe(frameHeaderSize(size))
    }
  })
})
