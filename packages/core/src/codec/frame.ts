/** ZMTP 3.x frame flags (RFC 23/37): one octet before every frame. */
export const FrameFlags = {
  /** More frames of the same message follow. */
  More: 0x01,
  /** The size field is 8 octets instead of 1. */
  Long: 0x02,
  /** The frame is a command, not message data. */
  Command: 0x04,
} as const

/** The largest body a short frame can hold; libzmq uses the long form exactly above this. */
export const SHORT_FRAME_MAX = 255

/** Frame bits that carry meaning; the rest are reserved, and like libzmq we ignore them on input. */
export const KNOWN_FLAG_BITS = FrameFlags.More | FrameFlags.Long | FrameFlags.Command

/** Octets of header in front of a body of `size` octets. */
export function frameHeaderSize(size: number): number {
  return size > SHORT_FRAME_MAX ? 9 : 2
}
