#!/usr/bin/env node
// zmtp-signal: runs the reference WebRTC signaling server until SIGINT or SIGTERM.
import { parseArgs } from 'node:util'
import { startSignalingServer } from './start.js'

const usage = `usage: zmtp-signal --bind <endpoint> [--bind <endpoint>...] [--max-message-size <octets>] [--verbose]

  --bind               ws://host:port[/path] for browsers, tcp://host:port for Node (repeatable)
  --max-message-size   largest signaling message accepted, in octets (default 65536)
  --verbose            print every refused request

example: zmtp-signal --bind ws://127.0.0.1:8090 --bind tcp://127.0.0.1:8091`

let values: { bind?: string[]; 'max-message-size'?: string; verbose?: boolean; help?: boolean }
try {
  ;({ values } = parseArgs({
    options: {
      bind: { type: 'string', multiple: true },
      'max-message-size': { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }))
} catch (error) {
  console.error(`zmtp-signal: ${(error as Error).message}\n${usage}`)
  process.exit(2)
}
if (values.help) {
  console.log(usage)
  process.exit(0)
}
if (!values.bind?.length) {
  console.error(`zmtp-signal: nothing to bind\n${usage}`)
  process.exit(2)
}
const maxMessageSize =
  values['max-message-size'] === undefined ? undefined : Number(values['max-message-size'])
if (maxMessageSize !== undefined && !(Number.isInteger(maxMessageSize) && maxMessageSize > 0)) {
  console.error('zmtp-signal: --max-message-size must be a positive integer')
  process.exit(2)
}

// Handlers first: a signal that comes the moment we print our endpoints must find them installed.
let server: Awaited<ReturnType<typeof startSignalingServer>> | undefined
const stop = () => {
  server?.close()
  process.exit(0)
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)

try {
  server = await startSignalingServer({
    bind: values.bind,
    maxMessageSize,
    onRefused: values.verbose
      ? (error) => console.error(`refused: ${error.code} ${error.message}`)
      : undefined,
  })
  console.log(`zmtp-signal serving on ${server.endpoints.join(' ')}`)
} catch (error) {
  console.error(`zmtp-signal: ${(error as Error).message}`)
  process.exit(1)
}
