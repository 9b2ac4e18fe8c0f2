#!/usr/bin/env node
import { tcp } from '@zmtp/transport-tcp'
import { ws } from '@zmtp/transport-ws'
import { Broker } from '../broker/broker.js'
import type { SqliteStore } from '../sqlite/sqlite-store.js'
import { Titanic } from '../titanic/titanic.js'
import { type BrokerArgs, parseBrokerArgs, usage } from './args.js'

/** Starts a broker (and Titanic, with a store) as `args` say; resolves with a function that stops it. */
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
  for (const endpoint of args.binds) log(`listening ${await broker.bind(endpoint)}`)
  if (args.monitor) log(`monitor ${await broker.bindMonitor(args.monitor, args.monitorInterval)}`)
  let titanic: Titanic | undefined
  let store: SqliteStore | undefined
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
  return async () => {
    await titanic?.close()
    await store?.close()
    await broker.close()
  }
}

async function main(): Promise<void> {
  let args: BrokerArgs
  try {
    args = parseBrokerArgs(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`)
    process.exit(2)
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`)
    return
  }
  const stop = await startBroker(args, (line) => process.stdout.write(`${line}\n`))
  const shutdown = (): void => {
    void stop().then(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

await main()
