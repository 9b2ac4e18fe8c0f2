import type { Context } from './context.js'

/**
 * Each socket's context: held strongly while the socket is open, weakly once it is closed. A closed
 * socket then no longer keeps its context alive (zeromq.js lets a context go once its sockets are
 * closed), yet `socket.context` still reads it back for as long as the program holds the context.
 */
const contexts = new WeakMap<object, Context | WeakRef<Context>>()

/** Records `context` as the context of the new `socket`. */
export function holdContext(socket: object, context: Context): void {
  contexts.set(socket, context)
}

/** The context of `socket`: undefined only for a closed socket whose context was collected. */
export function contextOf(socket: object): Context | undefined {
  const held = contexts.get(socket)
  return held instanceof WeakRef ? held.deref() : held
}

/** Holds the context of the closed `socket` weakly from now on. */
export function releaseContext(socket: object): void {
  const held = contexts.get(socket)
  if (held !== undefined && !(held instanceof WeakRef)) contexts.set(socket, new WeakRef(held))
}
