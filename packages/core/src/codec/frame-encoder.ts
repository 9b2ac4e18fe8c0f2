import { FrameFlags, frameHeaderSize, SHORT_FRAME_MAX } from './frame.js'

/**
 * Writes a frame header at `offset` exactly as libzmq does: the LONG form (flags | 0x02 and an 8-octet
 * big-endian size) exactly when the body is larger than 255 octets. Returns the offset after the header.
 */
export function writeFrameHeader(target: Uint8Array, offset: number, flags: number, size: number): number {
  if (size > SHORT_FRAME_MAX) {
    target[offset] = (flags & ~FrameFlags.Long) | FrameFlags.Long
    // Sizes above 2^32 need the high word; JavaScript numbers are exact up to 2^53.
    const high = Math.floor(size / 0x1_0000_0000)
    const low = size >>> 0
    target[offset + 1] = (high >>> 24) & 0xff
    target[offset + 2] = (high >>> 16) & 0xff
    target[offset + 3] = (high >>> 8) & 0xff
    target[offset + 4] = high & 0xff
    target[offset + 5] = (low >>> 24) & 0xff
    target[offset + 6] = (low >>> 16) & 0xff
    target[offset + 7] = (low >>> 8) & 0xff
    target[offset + 8] = low & 0xff
    return offset + 9
  }
  target[offset] = flags & ~FrameFlags.Long
  target[offset + 1] = size
  return offset + 2
}

/** One frame, header and body, in a new buffer. */
export function encodeFrame(flags: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(frameHeaderSize(body.length) + body.length)
  const offset = writeFrameHeader(out, 0, flags, body.length)
  out.set(body, offset)
  return out
}

/** A whole multipart message (MORE on every frame but the last) in a new buffer. */
export function encodeMessage(frames: readonly Uint8Array[]): Uint8Array {
  let total = 0
  for (const frame of frames) total += frameHeaderSize(frame.length) + frame.length
  const out = new Uint8Array(total)
  let offset = 0
  const last = frames.length - 1
  for (let i = 0; i <= last; i++) {
    const frame = frames[i]!
    offset = writeFrameHeader(out, offset, i < last ? FrameFlags.More : 0, frame.length)
    out.set(frame, offset)
    offset += frame.length
  }
  return out
}

/** A command frame (flags COMMAND) around an already encoded command body. */
export function encodeCommandFrame(body: Uint8Array): Uint8Array {
  return encodeFrame(FrameFlags.Command, body)
}
