import { type Connection, concatBytes, type Listener, type Transport } from '@zmtp/core'

/** The options every listen and dial of the suite passes: the NULL mechanism, nothing else. */
export const MECHANISM = { mechanism: 'NULL' } as const

/** Everything a test opened, so that it is closed after the test whatever its outcome. */
export class Opened {
  readonly #listeners: Listener[] = []
  readonly #connections: Connection[] = []
  readonly #closed = new WeakMap<Connection, Promise<Error | undefined>>()

  /** Registers a connection for cleanup; from now on {@link closed} can tell when it closes. */
  track<C extends Connection>(connection: C): C {
    this.#connections.push(connection)
    this.#closed.set(connection, new Promise((resolve) => connection.on('close', resolve)))
    return connection
  }

  listener(listener: Listener): Listener {
    this.#listeners.push(listener)
    return listener
  }

  /** Resolves with the error the connection closed with (undefined for a clean close). */
  closed(connection: Connection): Promise<Error | undefined> {
    const closed = this.#closed.get(connection)
    if (!closed) throw new Error('closed() of a connection the suite did not track')
    return closed
  }

  async closeAll(): Promise<void> {
    const connections = this.#connections.splice(0)
    for (const connection of connections) connection.destroy()
    await Promise.all(connections.map((connection) => this.closed(connection)))
    await Promise.all(this.#listeners.splice(0).map((listener) => listener.close()))
  }
}

/** A listener whose accepted connections can be awaited one by one. */
export interface Listening {
  listener: Listener
  accepted(): Promise<Connection>
}

export async function listenOn(transport: Transport, url: string, opened: Opened): Promise<Listening> {
  const queue: Connection[] = []
  const waiting: ((connection: Connection) => void)[] = []
  const listener = await transport.listen(transport.parse(url, 'bind'), {
    ...MECHANISM,
    onConnection(connection) {
      opened.track(connection)
      const waiter = waiting.shift()
      if (waiter) waiter(connection)
      else queue.push(connection)
    },
  })
  opened.listener(listener)
  return {
    listener,
    accepted: () => {
      const next = queue.shift()
      return next ? Promise.resolve(next) : new Promise((resolve) => waiting.push(resolve))
    },
  }
}

export async function dialTo(
  transport: Transport,
  url: string,
  opened: Opened,
  signal?: AbortSignal,
): Promise<Connection> {
  return opened.track(await transport.dial(transport.parse(url, 'connect'), { ...MECHANISM, signal }))
}

/** Both ends of one connection. */
export interface Pair {
  client: Connection
  server: Connection
}

export async function connectPair(transport: Transport, listening: Listening, opened: Opened): Promise<Pair> {
  const [client, server] = await Promise.all([
    dialTo(transport, listening.listener.endpoint, opened),
    listening.accepted(),
  ])
  return { client, server }
}

/** What one end received: every chunk (stream) or message, in order. */
export class Received {
  readonly chunks: Uint8Array[] = []
  bytes = 0
  #waiters: { done: () => boolean; resolve: () => void; reject: (error: Error) => void }[] = []
  #closed: Error | undefined

  constructor(connection: Connection) {
    connection.on('data', (chunk) => {
      // The chunk is ours to keep (the contract says so); copy anyway so a faulty transport is caught
      // by the comparison rather than by a confusing later mutation.
      this.chunks.push(new Uint8Array(chunk))
      this.bytes += chunk.length
      this.#check()
    })
    connection.on('close', () => {
      this.#closed = new Error(`closed after ${this.bytes} bytes in ${this.chunks.length} chunks`)
      for (const waiter of this.#waiters.splice(0)) if (!waiter.done()) waiter.reject(this.#closed)
    })
  }

  /** Resolves once `bytes` octets arrived in all. */
  untilBytes(bytes: number): Promise<void> {
    return this.#until(() => this.bytes >= bytes)
  }

  /** Resolves once `count` chunks (messages) arrived. */
  untilChunks(count: number): Promise<void> {
    return this.#until(() => this.chunks.length >= count)
  }

  /** Every byte received, joined. */
  joined(): Uint8Array {
    return concatBytes(this.chunks)
  }

  #until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve()
    if (this.#closed) return Promise.reject(this.#closed)
    return new Promise((resolve, reject) => this.#waiters.push({ done, resolve, reject }))
  }

  #check(): void {
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.done()) return true
      waiter.resolve()
      return false
    })
  }
}

/** `count` chunks of `size` octets, each filled with a pattern that tells chunks and offsets apart. */
export function patterned(count: number, size: number, seed = 0): Uint8Array[] {
  return Array.from({ length: count }, (_, index) =>
    Uint8Array.from({ length: size }, (_, offset) => (seed * 31 + index * 7 + offset) & 0xff),
  )
}

/** One full turn of the event loop: every I/O callback already due has run. */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Resolves on the next `drain` of `connection`. */
export function drained(connection: Connection): Promise<void> {
  return new Promise((resolve) => {
    const onDrain = () => {
      connection.off('drain', onDrain)
      resolve()
    }
    connection.on('drain', onDrain)
  })
}

/**
 * Where two byte arrays first differ (the shorter length when one is a prefix of the other), or -1 when
 * they are equal. Cheaper than a deep `toEqual` on megabytes, and it says where things went wrong.
 */
export function firstDifference(actual: Uint8Array, expected: Uint8Array): number {
  const length = Math.min(actual.length, expected.length)
  for (let i = 0; i < length; i++) if (actual[i] !== expected[i]) return i
  return actual.length === expected.length ? -1 : length
}

/** {@link firstDifference} over lists of messages: -1 when every message is equal and in order. */
export function firstDifferentMessage(
  actual: readonly Uint8Array[],
  expected: readonly Uint8Array[],
): number {
  const length = Math.min(actual.length, expected.length)
  for (let i = 0; i < length; i++) if (firstDifference(actual[i]!, expected[i]!) !== -1) return i
  return actual.length === expected.length ? -1 : length
}
