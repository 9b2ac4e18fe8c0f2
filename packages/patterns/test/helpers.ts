import type { Socket, SocketEvent, SocketEventType } from '../src/index.js'

const decoder = new TextDecoder()

/** Frames as text, for readable assertions. */
export function text(frames: Uint8Array[]): string[] {
  return frames.map((frame) => decoder.decode(frame))
}

/** Closes every socket given to `track` when `cleanup` runs (call it from afterEach). */
export function socketTracker() {
  const sockets: Socket[] = []
  return {
    track<T extends Socket>(socket: T): T {
      sockets.push(socket)
      return socket
    },
    cleanup(): void {
      for (const socket of sockets.splice(0)) socket.close()
    },
  }
}

/** Resolves with the next event of `type` on `socket`. */
export function nextEvent(socket: Socket, type: SocketEventType) {
  return new Promise<{ address?: string; error?: Error }>((resolve) => {
    socket.events.once(type, resolve)
  })
}

/** Polls `condition` until true; fails after `timeout` ms. For state reached asynchronously. */
export async function until(condition: () => boolean | Promise<boolean>, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * Sends with `send` until `receive` gets something: subscriptions travel asynchronously, so a
 * publisher cannot know when a new subscriber starts to match.
 */
export async function publishUntilReceived<T>(
  send: () => Promise<void>,
  receive: () => Promise<T>,
  timeout = 5000,
): Promise<T> {
  let received: T | undefined
  let done = false
  const receiving = receive().then((value) => {
    received = value
    done = true
  })
  const deadline = Date.now() + timeout
  while (!done) {
    if (Date.now() > deadline) throw new Error('nothing received in time')
    await send()
    await Promise.race([receiving, new Promise((resolve) => setTimeout(resolve, 10))])
  }
  return received as T
}

/** The kinds of event that end a handshake, well or badly. */
const HANDSHAKE_OUTCOMES = [
  'handshake',
  'handshake:error:auth',
  'handshake:error:protocol',
  'handshake:error:other',
] as const

/** Resolves with the next `handshake` or `handshake:error:*` event of `socket`, whichever comes first. */
export function handshakeOutcome(socket: Socket): Promise<SocketEvent> {
  return new Promise((resolve) => {
    const listener = (event: SocketEvent) => {
      for (const type of HANDSHAKE_OUTCOMES) socket.events.off(type, listener)
      resolve(event)
    }
    for (const type of HANDSHAKE_OUTCOMES) socket.events.on(type, listener)
  })
}
