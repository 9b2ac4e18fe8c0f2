import type { Connection, Listener, ListenOptions } from '@zmtp/core'
import { parseWsEndpoint, ws } from '../../src/index.js'
import type { WsTransportOptions } from '../../src/options.js'

/** A listener of the transport under test, with what it accepted and reported. */
export interface Harness {
  listener: Listener
  port: number
  connections: Connection[]
  errors: Error[]
  /** Resolves with the next accepted connection. */
  nextConnection(): Promise<Connection>
  /** Resolves with the next reported error. */
  nextError(): Promise<Error>
}

const open: Listener[] = []

/** Listens with `ws(config)`; closed by {@link closeAll}. */
export async function listen(
  endpoint = 'ws://127.0.0.1:*/zmq',
  config: WsTransportOptions = {},
  options: Partial<ListenOptions> = {},
): Promise<Harness> {
  const connections: Connection[] = []
  const errors: Error[] = []
  const connectionWaiters: ((connection: Connection) => void)[] = []
  const errorWaiters: ((error: Error) => void)[] = []
  const listener = await ws(config).listen(parseWsEndpoint(endpoint), {
    mechanism: 'NULL',
    onConnection(connection) {
      connections.push(connection)
      connectionWaiters.shift()?.(connection)
    },
    onError(error) {
      errors.push(error)
      errorWaiters.shift()?.(error)
    },
    ...options,
  })
  open.push(listener)
  return {
    listener,
    port: parseWsEndpoint(listener.endpoint).port,
    connections,
    errors,
    nextConnection: () => new Promise((resolve) => connectionWaiters.push(resolve)),
    nextError: () => new Promise((resolve) => errorWaiters.push(resolve)),
  }
}

/** Closes every listener opened by {@link listen} and every connection they accepted. */
export async function closeAll(harnesses: Harness[]): Promise<void> {
  for (const harness of harnesses) for (const connection of harness.connections) connection.destroy()
  await Promise.all(open.splice(0).map((listener) => listener.close()))
}

/** Resolves with the error a connection closed with (undefined for a clean close). */
export function closed(connection: Connection): Promise<Error | undefined> {
  return new Promise((resolve) => connection.on('close', resolve))
}
