/**
 * Entry point of the Node client as its own process, so that it reaches the service over a real
 * tcp:// connection like any other program would.
 *
 * usage: node dist/client-process.js <ticks endpoint> <quotes endpoint>
 */
import { runNodeClient } from './node-client.js'

const [ticksEndpoint, quotesEndpoint] = process.argv.slice(2)
if (!ticksEndpoint || !quotesEndpoint) {
  console.error('usage: node dist/client-process.js <ticks endpoint> <quotes endpoint>')
  process.exit(2)
}

const log = (line: string) => console.log(`[client] ${line}`)

// Ctrl-C reaches the whole process group, so the client sees it too; it has nothing to save.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0))

try {
  const result = await runNodeClient({
    ticksEndpoint,
    quotesEndpoint,
    symbols: ['EURUSD', 'BTCUSD'],
    ticks: 6,
    quotes: [
      { symbol: 'EURUSD', quantity: 1_000_000 },
      { symbol: 'BTCUSD', quantity: 2 },
      { symbol: 'XAUUSD', quantity: 10 },
    ],
    log,
  })
  log(`done: ${result.ticks} ticks, ${result.quotes} quotes`)
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : error}`)
  process.exitCode = 1
}
