import type { Socket } from 'node:net'
import type { OwnedReads } from './owned-reads.js'

/** The keys under which a Node socket keeps what its `onread` option gave it. */
interface OnreadSlots {
  readonly buffer: symbol
  readonly callback: symbol
  readonly generator: symbol
}

/** Looked up once, on the first socket: undefined until then, null when this Node has other keys. */
let slots: OnreadSlots | null | undefined

function onreadSlots(socket: Socket): OnreadSlots | null {
  if (slots !== undefined) return slots
  const symbols = Object.getOwnPropertySymbols(socket)
  const find = (name: string) => symbols.find((symbol) => symbol.description === name)
  const buffer = find('kBuffer')
  const callback = find('kBufferCb')
  const generator = find('kBufferGen')
  slots = buffer && callback && generator ? { buffer, callback, generator } : null
  return slots
}

/**
 * Makes an accepted socket that has not read yet read through `reads`, in place: what Node's socket
 * constructor and its handle set-up do with an `onread` option, done afterwards. Node takes `onread` only
 * when a socket is made and its server makes the accepted sockets itself; moving the handle into a second
 * socket made with `onread` costs a whole socket object (with its stream states) of garbage per
 * connection, which during a burst of handshakes was the largest part of what the young generation had
 * to carry (and grew to hold). Node does not export these keys, so they are found by their descriptions;
 * false (nothing changed) when they are missing, already in use or the handle cannot take a buffer, and
 * the caller then moves the handle instead.
 */
export function adoptOwnedReads(accepted: Socket, reads: OwnedReads): boolean {
  const keys = onreadSlots(accepted)
  const target = accepted as unknown as Record<symbol, unknown> & {
    _handle?: { useUserBuffer?: (buffer: Uint8Array) => void } | null
  }
  const handle = target._handle
  if (keys === null || typeof handle?.useUserBuffer !== 'function') return false
  if (target[keys.buffer] !== null || target[keys.callback] !== null || target[keys.generator] !== null) {
    return false
  }
  const { buffer: generate, callback } = reads.options
  if (typeof generate !== 'function') return false
  // As Node's handle set-up does: the generator supplies the first read's memory at once.
  const first = generate()
  target[keys.generator] = generate
  target[keys.callback] = callback
  target[keys.buffer] = first
  handle.useUserBuffer(first)
  reads.attach(accepted)
  // A socket made from a handle starts reading at once (so a close is noticed before anyone listens);
  // this one was accepted paused, so start it the same way.
  accepted.read(0)
  return true
}
