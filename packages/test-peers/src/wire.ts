import { Buffer } from 'node:buffer'

/** A frame as tests like to write it: bytes, or a string sent as UTF-8. */
export type Frame = Uint8Array | string

/** A socket option value: integers, bytes, or strings sent as UTF-8 bytes. */
export type OptionValue = number | Uint8Array | string

/** How the peer carries bytes inside JSON. */
export interface WireBytes {
  b64: string
}

export function toBase64(frame: Frame): string {
  if (typeof frame === 'string') return Buffer.from(frame, 'utf8').toString('base64')
  return Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64')
}

/** Copies out of Buffer's shared pool so callers get a plain, independent Uint8Array. */
export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'base64'))
}

export function encodeOption(value: OptionValue): number | WireBytes {
  return typeof value === 'number' ? value : { b64: toBase64(value) }
}

export function decodeOption(value: unknown): OptionValue {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (value && typeof value === 'object' && typeof (value as WireBytes).b64 === 'string') {
    return fromBase64((value as WireBytes).b64)
  }
  throw new TypeError(`unexpected option value from the libzmq peer: ${JSON.stringify(value)}`)
}

/** What a socket needs from its peer: one request, answered or rejected. */
export interface Requester {
  /**
   * Sends `op` and resolves with its result. `waitMs` is how long the peer itself may legitimately
   * wait before answering (a receive timeout); the driver adds its own guard on top.
   */
  request(op: string, params: Record<string, unknown>, waitMs?: number): Promise<unknown>
}
