import { tcp } from '@zmtp/transport-tcp'
import { ws } from '@zmtp/transport-ws'
import { Broker } from '../broker/broker.js'
import type { SqliteStore } from '../sqlite/sqlite-store.js'
import { Titanic } from '../titanic/titanic.js'
import type { BrokerArgs } from './args.js'

/**
 * Starts a broker (and Titanic, with a store) as `args` say, calling `log` with `listening <endpoint>` for
 * each endpoint bound; resolves with a function that stops it. If any step fails, what was started is
 * stopped before the error is thrown.
 */
export async function startBroker(
  args: BrokerArgs,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const transports = [tcp(), ws()]
  const broker = new Broker({
    transports,
    heartbeatInterval: args.heartbeat,
    maxQueue: args.maxQueue,
    requestExpiry: args.expiry,
  })
  let titanic: Titanic | undefined
  let store: SqliteStore | undefined
  const stop = async (): Promise<void> => {
    await titanic?.close()
    await store?.close()
    await broker.close()
  }
  try {
    for (const endpoint of args.binds) log(`listening ${await broker.bind(endpoint)}`)
    if (args.monitor) log(`monitor ${await broker.bindMonitor(args.monitor, args.monitorInterval)}`)
    if (args.store) {
      // Titanic talks to this broker in-process; its name is unique per process so tests may run several.
      const inproc = await broker.bind(`inproc://zmtp-broker-titanic-${Math.random().toString(36).slice(2)}`)
      // Loaded only with --store: better-sqlite3 is a native optional dependency the plain broker does not need.
      const { SqliteStore } = await import('../sqlite/sqlite-store.js')
      store = new SqliteStore(args.store)
      titanic = new Titanic(inproc, store, {
        heartbeatInterval: args.heartbeat,
        timeout: args.titanicTimeout,
        maxAttempts: args.titanicAttempts,
      })
      log(`titanic ${args.store}`)
    }
  } catch (error) {
    await stop()
    throw error
  }
  return stop
}
