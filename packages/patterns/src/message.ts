import { type BytesLike, toBytes } from '@zmtp/core'

/** A message as the sockets carry it: one or more frames. */
export type Message = Uint8Array[]

/** What `send()` accepts: one part or an array of parts (string, Uint8Array, ArrayBuffer or a view). */
export type MessageLike = BytesLike | readonly BytesLike[]

/** Turns user input into frames without copying bytes that already are a Uint8Array. */
export function toMessage(message: MessageLike): Message {
  if (!Array.isArray(message)) return [toBytes(message as BytesLike)]
  // Sized up front and filled by a loop: no callback per send, and no room for 16 parts from a push.
  const parts = message as readonly BytesLike[]
  const frames: Message = new Array(parts.length)
  for (let i = 0; i < parts.length; i++) frames[i] = toBytes(parts[i]!)
  return frames
}

/** Node's Buffer when this runs in Node (or Bun, Deno with Node compatibility), else undefined. */
const NodeBuffer = (
  globalThis as {
    Buffer?: {
      from(buffer: ArrayBufferLike, offset: number, length: number): Uint8Array
      isBuffer(value: unknown): boolean
    }
  }
).Buffer

/**
 * Received parts as Node programs expect them: `Buffer`s (views on the same bytes, not copies) where
 * Node's Buffer exists, plain `Uint8Array`s elsewhere. Every socket type hands out messages through this.
 */
export function asReceived(message: Message): Message {
  if (NodeBuffer === undefined) return message
  for (let i = 0; i < message.length; i++) {
    const part = message[i]!
    if (!NodeBuffer.isBuffer(part))
      message[i] = NodeBuffer.from(part.buffer, part.byteOffset, part.byteLength)
  }
  return message
}
