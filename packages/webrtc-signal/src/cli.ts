#!/usr/bin/env node
// zmtp-signal: runs the reference WebRTC signaling server until SIGINT or SIGTERM.
import { parseSignalArgs, type SignalArgs, serveSignalArgs, signalUsage } from './command.js'

let args: SignalArgs
try {
  args = parseSignalArgs(process.argv.slice(2))
} catch (error) {
  console.error(`zmtp-signal: ${(error as Error).message}\n${signalUsage()}`)
  process.exit(2)
}
if (args.help) {
  console.log(signalUsage())
  process.exit(0)
}

// Handlers first: a signal that comes the moment we print our endpoints must find them installed.
let server: Awaited<ReturnType<typeof serveSignalArgs>> | undefined
const stop = () => {
  server?.close()
  process.exit(0)
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)

try {
  server = await serveSignalArgs(
    args,
    (line) => console.log(`zmtp-signal ${line}`),
    (line) => console.error(line),
  )
} catch (error) {
  console.error(`zmtp-signal: ${(error as Error).message}`)
  process.exit(1)
}
