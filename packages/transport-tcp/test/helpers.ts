import type { Connection, Endpoint, Listener, Transport } from '@zmtp/core'
import { afterEach } from 'vitest'
import type { IpcEndpoint, TcpEndpoint } from '../src/index.js'

/** Everything a test opened, closed after it whatever its outcome. */
const opened: { listeners: Listener[]; connections: Connection[] } = { listeners: [], connections: [] }

afterEach(async () => {
  const connections = opened.connections.splice(0)
  const listeners = opened.listeners.splice(0)
  await Promise.all(
    connections
      .filter((connection) => !alreadyClosed.has(connection))
      .map((connection) => {
        const done = closed(connection)
        connection.destroy()
        return done
      }),
  )
  await Promise.all(listeners.map((listener) => listener.close()))
})

const alreadyClosed = new WeakSet<Connection>()

/** Registers a connection for cleanup and remembers whether it has closed already. */
export function track<C extends Connection>(connection: C): C {
  opened.connections.push(connection)
  connection.on('close', () => alreadyClosed.add(connection))
  return connection
}

export function tcpAt(host: string, port = 0): TcpEndpoint {
  return { protocol: 'tcp', host, port, ipv6: host.includes(':') }
}

export function ipcAt(path: string, abstract = false): IpcEndpoint {
  return { protocol: 'ipc', path, abstract }
}

const mechanism = { mechanism: 'NULL' }

/** A listener whose accepted connections can be awaited one by one. */
export interface TestListener {
  listener: Listener
  accepted(): Promise<Connection>
}

export async function listen(transport: Transport, endpoint: Endpoint): Promise<TestListener> {
  const queue: Connection[] = []
  const waiting: ((connection: Connection) => void)[] = []
  const listener = await transport.listen(endpoint, {
    ...mechanism,
    onConnection(connection) {
      track(connection)
      const waiter = waiting.shift()
      if (waiter) waiter(connection)
      else queue.push(connection)
    },
  })
  opened.listeners.push(listener)
  return {
    listener,
    accepted: () => {
      const next = queue.shift()
      return next ? Promise.resolve(next) : new Promise((resolve) => waiting.push(resolve))
    },
  }
}

export async function dial(
  transport: Transport,
  endpoint: Endpoint,
  signal?: AbortSignal,
): Promise<Connection> {
  return track(await transport.dial(endpoint, { ...mechanism, signal }))
}

/** Dials `endpoint` on `listening` and returns both ends. */
export async function connectPair(
  transport: Transport,
  listening: TestListener,
  endpoint: Endpoint,
): Promise<{ client: Connection; server: Connection }> {
  const [client, server] = await Promise.all([dial(transport, endpoint), listening.accepted()])
  return { client, server }
}

/** Resolves with the first `length` bytes `connection` delivers. */
export function receive(connection: Connection, length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const buffer = new Uint8Array(length)
    let filled = 0
    const onData = (chunk: Uint8Array) => {
      buffer.set(chunk.subarray(0, length - filled), filled)
      filled += Math.min(chunk.length, length - filled)
      if (filled === length) {
        connection.off('data', onData)
        connection.off('close', onClose)
        resolve(buffer)
      }
    }
    const onClose = (error?: Error) => reject(error ?? new Error(`closed after ${filled} of ${length} bytes`))
    connection.on('data', onData)
    connection.on('close', onClose)
  })
}

/** Resolves with the close event's error (undefined for a clean close). */
export function closed(connection: Connection): Promise<Error | undefined> {
  return new Promise((resolve) => connection.on('close', resolve))
}

/** One full turn of the event loop: every I/O callback already due has run. */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}

export function text(data: Uint8Array): string {
  return new TextDecoder().decode(data)
}

/** A port nothing listens on: bound, then released. */
export async function freePort(transport: Transport): Promise<number> {
  const listener = await transport.listen(tcpAt('127.0.0.1'), { ...mechanism, onConnection: () => {} })
  await listener.close()
  return portOf(listener.endpoint)
}

export function portOf(endpoint: string): number {
  return Number(endpoint.slice(endpoint.lastIndexOf(':') + 1))
}
