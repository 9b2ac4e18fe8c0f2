/**
 * The few helpers every case needs: transports per scheme, free endpoints, and bounded waits that fail
 * with a message naming what did not happen. Nothing here is runtime-specific.
 */
import type { Socket } from '@zmtp/patterns'
import { tcp } from '@zmtp/transport-tcp'
import { ws } from '@zmtp/transport-ws'

/** The schemes the suite runs every pair over. */
export type Scheme = 'tcp' | 'ipc' | 'ws'

/** Both transports on every socket, so one socket can bind or connect any scheme. */
export function transports() {
  return [tcp(), ws()]
}

let counter = 0

/** A bind endpoint for `scheme` with an ephemeral port (or a fresh socket file for ipc). */
export function bindEndpoint(scheme: Scheme): string {
  counter += 1
  if (scheme === 'tcp') return 'tcp://127.0.0.1:*'
  if (scheme === 'ipc') return `ipc:///tmp/zmtp-runtime-${process.pid}-${Date.now()}-${counter}.sock`
  return `ws://127.0.0.1:*/rt${counter}`
}

/** Rejects when `promise` has not settled within `ms`, naming `what`, so a hang becomes a failure. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

/** Resolves on the socket's next monitor event of kind `type`. */
export function nextEvent(socket: Socket, type: 'handshake' | 'disconnect'): Promise<void> {
  return new Promise((resolve) => socket.events.once(type, () => resolve()))
}

/** Text of a frame, for comparisons. */
export function text(frame: Uint8Array | undefined): string {
  return frame === undefined ? '<none>' : new TextDecoder().decode(frame)
}

/** Throws unless `actual` equals `expected`. */
export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`)
}

/** Closes sockets without lingering, whatever state they are in. */
export function closeAll(...sockets: Socket[]): void {
  for (const socket of sockets) {
    socket.linger = 0
    socket.close()
  }
}
