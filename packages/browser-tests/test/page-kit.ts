import type { Socket } from '@zmtp/patterns'

/** A socket event as the page records it: its type and, for errors, the error's code. */
export interface LoggedEvent {
  type: string
  code?: string
}

/** What one WebSocket of the page saw: the negotiated subprotocol and the ZMTP PING/PONG commands. */
export interface WireStats {
  url: string
  protocol: string
  pingsSent: number
  pongsReceived: number
}

/**
 * The page-side test kit, installed before the bundle loads (`page.addInitScript(installKit)`).
 * Sockets live in a registry by name so that successive `page.evaluate` calls can reach them; every
 * socket's monitor events are logged; `WebSocket` is wrapped to record the negotiated subprotocol and
 * count ZMTP heartbeats on the wire.
 */
export interface PageKit {
  add<T extends Socket>(name: string, socket: T): T
  get<T extends Socket>(name: string): T
  events(name: string): LoggedEvent[]
  count(name: string, type: string): number
  /** Resolves once socket `name` has logged `count` events of `type`; rejects after `timeout` ms. */
  waitEvent(name: string, type: string, count?: number, timeout?: number): Promise<void>
  /** Rejects with `label` when `promise` has not settled within `timeout` ms. */
  within<T>(promise: Promise<T>, label: string, timeout?: number): Promise<T>
  text(frames: Uint8Array[]): string[]
  sha256(bytes: Uint8Array): Promise<string>
  wire: WireStats[]
  closeAll(): void
}

declare global {
  var kit: PageKit
}

/**
 * Runs in the page (serialized by Playwright), so it must not refer to anything outside itself.
 */
export function installKit(): void {
  const sockets = new Map<string, Socket>()
  const logs = new Map<string, LoggedEvent[]>()
  const wire: WireStats[] = []
  const decoder = new TextDecoder()

  const isCommand = (bytes: Uint8Array, name: string) =>
    (bytes[0]! & 0x02) !== 0 &&
    bytes[1] === name.length &&
    decoder.decode(bytes.subarray(2, 2 + name.length)) === name

  const NativeWebSocket = globalThis.WebSocket
  class RecordingWebSocket extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      const stats: WireStats = { url: String(url), protocol: '', pingsSent: 0, pongsReceived: 0 }
      wire.push(stats)
      this.addEventListener('open', () => {
        stats.protocol = this.protocol
      })
      this.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer && isCommand(new Uint8Array(event.data), 'PONG')) {
          stats.pongsReceived++
        }
      })
      this.#stats = stats
    }

    readonly #stats: WireStats

    override send(data: Parameters<WebSocket['send']>[0]): void {
      if (data instanceof Uint8Array && isCommand(data, 'PING')) this.#stats.pingsSent++
      super.send(data)
    }
  }
  globalThis.WebSocket = RecordingWebSocket

  const within = <T>(promise: Promise<T>, label: string, timeout = 5000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeout} ms: ${label}`)), timeout)
      promise.then(
        (value) => {
          clearTimeout(timer)
          resolve(value)
        },
        (error) => {
          clearTimeout(timer)
          reject(error)
        },
      )
    })

  const log = (name: string): LoggedEvent[] => {
    let entries = logs.get(name)
    if (!entries) logs.set(name, (entries = []))
    return entries
  }
  const count = (name: string, type: string) => log(name).filter((event) => event.type === type).length

  globalThis.kit = {
    add(name, socket) {
      sockets.set(name, socket)
      const entries = log(name)
      void (async () => {
        for await (const event of socket.events) {
          const code = (event.error as { code?: string } | undefined)?.code
          entries.push(code === undefined ? { type: event.type } : { type: event.type, code })
        }
      })()
      return socket
    },
    get<T extends Socket>(name: string): T {
      const socket = sockets.get(name)
      if (!socket) throw new Error(`no socket named ${name} in the page`)
      return socket as T
    },
    events: log,
    count,
    waitEvent(name, type, wanted = 1, timeout = 5000) {
      let waiting = true
      const reached = new Promise<void>((resolve) => {
        const check = () => {
          if (count(name, type) >= wanted) resolve()
          else if (waiting) setTimeout(check, 5)
        }
        check()
      })
      return within(reached, `${name}: ${wanted} × ${type}`, timeout)
        .catch((error: Error) => {
          throw new Error(`${error.message}; events: ${JSON.stringify(log(name))}`)
        })
        .finally(() => {
          waiting = false
        })
    },
    within,
    text: (frames) => frames.map((frame) => decoder.decode(frame)),
    async sha256(bytes) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
      return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
    },
    wire,
    closeAll() {
      for (const socket of sockets.values()) socket.close()
      sockets.clear()
    },
  }
}
