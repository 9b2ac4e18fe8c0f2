import { type Socket, Proxy as ZmqProxy } from '@zmtp/patterns'
import type { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { createFormat, parseDelimiter } from '../formats/create-format.js'
import { collect } from '../parse-values.js'
import type { RunContext } from '../run/context.js'
import { openSocket, type SocketFlags } from '../run/open-socket.js'
import { socketType } from '../socket-types.js'
import { examples, formatOptions, socketOptions } from './common-options.js'
import type { TaskSink } from './task.js'

/** The proxies `zmtp proxy --pattern` runs: frontend and backend socket types. */
const PATTERNS: Readonly<Record<string, readonly [string, string]>> = {
  pubsub: ['xsub', 'xpub'],
  reqrep: ['router', 'dealer'],
  pipeline: ['pull', 'push'],
}

interface ProxyFlags extends SocketFlags {
  frontend?: string[]
  backend?: string[]
  pattern: string
  capture?: boolean
  format: string
  delimiter: string
}

/** Registers `zmtp proxy`: a forwarder between two sockets, as zmq_proxy runs it. */
export function registerProxy(program: Command, sink: TaskSink): void {
  const command = program
    .command('proxy')
    .summary('forward messages between a frontend and a backend socket')
    .description(
      'Runs a proxy, as zmq_proxy does. --pattern pubsub forwards from publishers (frontend, XSUB) to ' +
        'subscribers (backend, XPUB) with subscriptions flowing back; reqrep brokers requests (ROUTER to ' +
        'DEALER); pipeline passes jobs on (PULL to PUSH). An endpoint written @URL binds, >URL connects; a ' +
        'bare URL binds. The two sides may use different transports.',
    )
    .option(
      '-F, --frontend <endpoint>',
      'frontend endpoint, @URL to bind, >URL to connect (repeatable)',
      collect,
    )
    .option(
      '-B, --backend <endpoint>',
      'backend endpoint, @URL to bind, >URL to connect (repeatable)',
      collect,
    )
    .option('-p, --pattern <name>', `what to forward: ${Object.keys(PATTERNS).join(', ')}`, 'pubsub')
    .option('--capture', 'print every forwarded message on stdout')
  formatOptions(command)
  socketOptions(command)
  command.addHelpText(
    'after',
    examples([
      "zmtp proxy --frontend '@tcp://*:5559' --backend '@ws://*:8080/feed'",
      "zmtp proxy --pattern reqrep --frontend '@tcp://*:5555' --backend '@tcp://*:5556' --capture",
    ]),
  )
  command.action((flags: ProxyFlags) => sink((ctx) => runProxy(ctx, flags)))
}

/** Splits `@url` (bind), `>url` (connect) and bare urls (bind). */
function endpoints(values: string[] | undefined, side: string): { bind: string[]; connect: string[] } {
  if (!values || values.length === 0) {
    throw new CliError('ERR_USAGE', `the proxy needs a ${side} endpoint`, `add --${side} '@tcp://*:5559'`)
  }
  const bind: string[] = []
  const connect: string[] = []
  for (const value of values) {
    if (value.startsWith('>')) connect.push(value.slice(1))
    else bind.push(value.startsWith('@') ? value.slice(1) : value)
  }
  return { bind, connect }
}

async function runProxy(ctx: RunContext, flags: ProxyFlags): Promise<number> {
  const pattern = PATTERNS[flags.pattern]
  if (!pattern) {
    throw new CliError(
      'ERR_USAGE',
      `unknown pattern '${flags.pattern}'`,
      `use one of ${Object.keys(PATTERNS).join(', ')}`,
    )
  }
  const format = createFormat(flags.format, parseDelimiter(flags.delimiter))
  const [frontType, backType] = pattern.map((name) => socketType(name)!)
  const open = (type: NonNullable<typeof frontType>, side: 'frontend' | 'backend'): Promise<Socket> =>
    openSocket(ctx, type, { ...flags, ...endpoints(flags[side], side) }, { label: side })
  const front = await open(frontType!, 'frontend')
  const back = await open(backType!, 'backend')
  const capture = flags.capture
    ? {
        closed: false,
        send: (message: Uint8Array[]) => ctx.stdout.write(format.encode(message)),
      }
    : undefined
  const proxy = new ZmqProxy(front as never, back as never, capture)
  await proxy.run()
  return 0
}
