import { type BytesLike, toBytes } from '@zmtp/core'

/** A message as the sockets carry it: one or more frames. */
export type Message = Uint8Array[]

/** What `send()` accepts: one part or an array of parts (string, Uint8Array, ArrayBuffer or a view). */
export type MessageLike = BytesLike | readonly BytesLike[]

/** Turns user input into frames without copying bytes that already are a Uint8Array. */
export function toMessage(message: MessageLike): Message {
  if (Array.isArray(message)) return message.map((part: BytesLike) => toBytes(part))
  return [toBytes(message as BytesLike)]
}
