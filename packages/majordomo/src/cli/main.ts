#!/usr/bin/env node
import { type BrokerArgs, parseBrokerArgs, usage } from './args.js'
import { startBroker } from './start.js'

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
