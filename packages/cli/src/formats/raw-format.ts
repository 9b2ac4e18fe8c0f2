import type { Format } from './format.js'

/**
 * `raw`: for pipes between programs. Each message is a 32-bit big-endian frame count, then per frame a
 * 32-bit big-endian length and the octets. Any bytes round-trip; the decoder reads it by length.
 */
export function rawFormat(): Format {
  return {
    name: 'raw',
    encode(message) {
      let size = 4
      for (const frame of message) size += 4 + frame.length
      const out = new Uint8Array(size)
      const view = new DataView(out.buffer)
      view.setUint32(0, message.length)
      let at = 4
      for (const frame of message) {
        view.setUint32(at, frame.length)
        out.set(frame, at + 4)
        at += 4 + frame.length
      }
      return out
    },
  }
}
