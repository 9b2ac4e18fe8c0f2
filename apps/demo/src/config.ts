/**
 * Command line and environment: which ports to use, and whether to run once (CI) or until stopped.
 */
import { parseArgs } from 'node:util'

export interface DemoConfig {
  /** Run the service and the Node client once, check the page, then exit: what CI runs. */
  once: boolean
  /** Ports as strings, because `*` (an ephemeral port) is as valid as a number. */
  tcpPort: string
  wsPort: string
  httpPort: string
}

const USAGE = `usage: node dist/main.js [--once] [--tcp-port N] [--ws-port N] [--http-port N]

  --once         run the service and the Node client, check the page, then exit (0 on success)
  --tcp-port N   ticks on tcp://127.0.0.1:N, quotes on N+1 (default 5556, env DEMO_TCP_PORT)
  --ws-port N    ticks on ws://127.0.0.1:N/market, quotes on /quotes (default 8080, env DEMO_WS_PORT)
  --http-port N  the page on http://127.0.0.1:N/ (default 8000, env DEMO_HTTP_PORT)

A busy port is replaced by an ephemeral one. --once always uses ephemeral ports, so it never collides.`

export function readConfig(argv = process.argv.slice(2), env = process.env): DemoConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      once: { type: 'boolean', default: false },
      'tcp-port': { type: 'string' },
      'ws-port': { type: 'string' },
      'http-port': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  if (values.once) return { once: true, tcpPort: '*', wsPort: '*', httpPort: '*' }
  return {
    once: false,
    tcpPort: port(values['tcp-port'] ?? env.DEMO_TCP_PORT ?? '5556'),
    wsPort: port(values['ws-port'] ?? env.DEMO_WS_PORT ?? '8080'),
    httpPort: port(values['http-port'] ?? env.DEMO_HTTP_PORT ?? '8000'),
  }
}

function port(value: string): string {
  if (value === '*' || (/^\d+$/.test(value) && Number(value) < 65535)) return value
  throw new Error(`not a port: ${value}\n\n${USAGE}`)
}
