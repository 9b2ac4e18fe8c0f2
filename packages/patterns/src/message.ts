import { type BytesLike, toBytes } from '@zmtp/core'

/** A message as the sockets carry it: one or more frames. */
export type Message = Uint8Array[]

/** What `send()` accepts: one part or an array of parts (string, Uint8Array, ArrayBuffer or a view). */
export type MessageLike = BytesLike | readonly BytesLike[]

/** Turns user input into frames without copying bytes that already are a Uint8Array. */
export function toMessage(message: MessageLike): Message {
  // The usual single part, checked here rather than in toBytes: a call less per send.
  if (message instanceof Uint8Array) return [message]
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
      alloc(size: number): Uint8Array
      isBuffer(value: unknown): boolean
    }
  }
).Buffer

type BufferView = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => Uint8Array

/**
 * How a view on received bytes becomes a Buffer: Node's own Buffer class for views (what
 * `Buffer[Symbol.species]` gives, and what `Buffer.from(arrayBuffer, offset, length)` makes after checking
 * its arguments), constructed directly. That is one call per part instead of three, on the path of every
 * received message. Runtimes whose species is not such a class use `Buffer.from`.
 */
const bufferView: BufferView | undefined = (() => {
  if (NodeBuffer === undefined) return undefined
  const species = (NodeBuffer as unknown as { [Symbol.species]?: unknown })[Symbol.species]
  if (typeof species !== 'function' || species === (NodeBuffer as unknown)) return undefined
  try {
    const probe = new (species as BufferView)(new ArrayBuffer(4), 1, 2)
    if (NodeBuffer.isBuffer(probe) && probe.byteOffset === 1 && probe.length === 2)
      return species as BufferView
  } catch {}
  return undefined
})()

/**
 * Received parts as Node programs expect them: `Buffer`s (views on the same bytes, not copies) where
 * Node's Buffer exists, plain `Uint8Array`s elsewhere. Every socket type hands out messages through this.
 */
export function asReceived(message: Message): Message {
  const Buffer = NodeBuffer
  if (Buffer === undefined) return message
  for (let i = 0; i < message.length; i++) {
    const part = message[i]!
    // instanceof, not Buffer.isBuffer (which is that test behind a call).
    if (part instanceof (Buffer as unknown as abstract new () => unknown)) continue
    message[i] = viewAsBuffer(part)
  }
  return message
}

/** A Buffer on the same bytes as `part` (only where Node's Buffer exists). */
function viewAsBuffer(part: Uint8Array): Uint8Array {
  return bufferView !== undefined
    ? new bufferView(part.buffer, part.byteOffset, part.byteLength)
    : NodeBuffer!.from(part.buffer, part.byteOffset, part.byteLength)
}

/**
 * `chunk` as a Buffer (a view on the same bytes) where Node's Buffer exists. A session passes every chunk
 * it reads through this before decoding: the frames the decoder cuts out of a Buffer are Buffers already,
 * so {@link asReceived} has nothing to convert. A transport that delivers plain Uint8Arrays (a data
 * channel's ArrayBuffers, small tcp reads copied out) otherwise cost a second view per message.
 */
export function receivedChunk(chunk: Uint8Array): Uint8Array {
  if (NodeBuffer === undefined || NodeBuffer.isBuffer(chunk)) return chunk
  return viewAsBuffer(chunk)
}

/**
 * A copy of `bytes` already in the form {@link asReceived} gives parts, for bytes a socket keeps and hands
 * out with many messages (a Router's routing ids). `asReceived` would otherwise make a new Buffer for it
 * with every message, and before that give it an ArrayBuffer of its own (memory outside the JS heap,
 * about 240 bytes kept per id on V8, where a small array keeps its bytes on the heap).
 */
export function receivedCopy(bytes: Uint8Array): Uint8Array {
  const copy = NodeBuffer === undefined ? new Uint8Array(bytes.length) : NodeBuffer.alloc(bytes.length)
  copy.set(bytes)
  return copy
}
