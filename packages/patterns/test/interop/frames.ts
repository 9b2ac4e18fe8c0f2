/**
 * Messages and assertions shared by the interop suites: exact byte comparisons, a multipart message
 * with empty frames, large deterministic frames, and the shape of generated routing ids.
 */
import { expect } from 'vitest'
import { text } from '../helpers.js'

export const MiB = 1024 * 1024

/** Frames as bytes, for exact assertions on binary and empty frames. */
export function bytes(frames: Uint8Array[]): number[][] {
  return frames.map((frame) => [...frame])
}

/** `value` as the byte arrays {@link bytes} gives, for strings and byte frames alike. */
export function expected(frames: (string | Uint8Array)[]): number[][] {
  const encoder = new TextEncoder()
  return frames.map((frame) => [...(typeof frame === 'string' ? encoder.encode(frame) : frame)])
}

/** A multipart message with empty frames at the start, middle and end, and binary octets. */
export const MULTIPART: (string | Uint8Array)[] = ['head', '', new Uint8Array([0, 1, 255]), '', 'tail', '']

/** A deterministic byte pattern of `length` octets, cheap to build and to check. */
export function pattern(length: number, seed = 0): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed + (i >>> 12)) & 0xff
  return out
}

/** Whether two byte arrays are equal (without vitest's slow deep diff on megabytes). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  )
}

/** A socket of any side (ours, libzmq's, zeromq.js's) that sends multipart messages. */
export interface Sender {
  send(frames: (string | Uint8Array)[]): Promise<unknown>
}

/** A socket of any side that receives multipart messages. */
export interface Receiver {
  receive(): Promise<Uint8Array[]>
}

/** Sends `frames` from `from` and asserts `to` receives exactly `received` (by default the same frames). */
export async function crosses(
  from: Sender,
  to: Receiver,
  frames: (string | Uint8Array)[],
  received: (string | Uint8Array)[] = frames,
): Promise<void> {
  await from.send(frames)
  expect(bytes(await to.receive())).toEqual(expected(received))
}

/** The next message whose first frame is not `skip` (repeats left over from publishing until received). */
export async function nextOther(receive: () => Promise<Uint8Array[]>, skip: string): Promise<Uint8Array[]> {
  for (;;) {
    const message = await receive()
    if (text(message)[0] !== skip) return message
  }
}

/** Receives with `receive` until a message whose first frame is `topic` comes. */
export async function untilTopic(receive: () => Promise<Uint8Array[]>, topic: string): Promise<void> {
  for (;;) if (text(await receive())[0] === topic) return
}

/** A routing id libzmq or we generated for an anonymous peer: 5 octets, the first 0. */
export function expectGeneratedId(id: Uint8Array | undefined) {
  expect(id).toBeDefined()
  expect(id!.length).toBe(5)
  expect(id![0]).toBe(0)
}

/**
 * Sends a 1 MiB frame `big` (as `sent`, where the sender may change what it was given), then 50
 * multipart messages, from `push`; asserts `pull` gets them whole and in order.
 */
export async function bigThenMany(push: Sender, pull: Receiver, big: Uint8Array, sent = big) {
  await push.send(['big', sent, ''])
  for (let i = 0; i < 50; i++) await push.send([`m${i}`, ...MULTIPART])
  const [tag, body, trailer] = await pull.receive()
  expect(text([tag!, trailer!])).toEqual(['big', ''])
  expect(body!.length).toBe(MiB)
  expect(sameBytes(body!, big)).toBe(true)
  for (let i = 0; i < 50; i++) {
    expect(bytes(await pull.receive())).toEqual(expected([`m${i}`, ...MULTIPART]))
  }
}
