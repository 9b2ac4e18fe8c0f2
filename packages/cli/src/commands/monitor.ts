import type { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { utf8 } from '../formats/bytes.js'
import { integer } from '../parse-values.js'
import type { RunContext } from '../run/context.js'
import { openSocket, type SocketFlags } from '../run/open-socket.js'
import { SOCKET_TYPES, socketType } from '../socket-types.js'
import { colourFor, painter } from '../terminal/colour.js'
import { EVENT_TYPES, eventLine, eventRecord } from '../terminal/event-line.js'
import { examples, socketOptions } from './common-options.js'
import type { TaskSink } from './task.js'

interface MonitorFlags extends SocketFlags {
  type: string
  json?: boolean
  count?: number
}

/** Registers `zmtp monitor URL...`: connect (or bind) a socket and print its monitor events. */
export function registerMonitor(program: Command, sink: TaskSink): void {
  const command = program
    .command('monitor')
    .summary('connect to endpoints and print connection events with timestamps')
    .description(
      'Connects a socket to each URL (and binds any --bind) and prints its monitor events, one per line, with ' +
        'a timestamp: connections, handshakes, disconnects and retries. The socket type decides which peers ' +
        'accept the handshake; a mismatch shows as handshake:error:protocol.',
    )
    .argument('[url...]', 'endpoints to connect to')
    .option('-b, --bind <url>', 'also listen on URL (repeatable)', (v: string, p?: string[]) => [
      ...(p ?? []),
      v,
    ])
    .option(
      '-T, --type <socket>',
      `the socket type to monitor with (${SOCKET_TYPES.map((t) => t.name).join(', ')})`,
      'dealer',
    )
    .option('-j, --json', 'print each event as a JSON line')
    .option('-n, --count <n>', 'stop after N events', integer(1))
  socketOptions(command)
  command.addHelpText(
    'after',
    examples([
      'zmtp monitor tcp://127.0.0.1:5555',
      'zmtp monitor --type sub ws://127.0.0.1:8080/feed tcp://10.0.0.2:5557 --json',
    ]),
  )
  command.action((urls: string[], flags: MonitorFlags) => sink((ctx) => runMonitor(ctx, urls, flags)))
}

async function runMonitor(ctx: RunContext, urls: string[], flags: MonitorFlags): Promise<number> {
  const type = socketType(flags.type)
  if (!type) {
    throw new CliError(
      'ERR_USAGE',
      `unknown socket type '${flags.type}'`,
      `use one of ${SOCKET_TYPES.map((t) => t.name).join(', ')}`,
    )
  }
  const paint = painter(colourFor(ctx.streams.stdout))
  let seen = 0
  let done: (code: number) => void = () => {}
  const finished = new Promise<number>((resolve) => (done = resolve))
  const socketFlags = { ...flags, connect: [...(flags.connect ?? []), ...urls] }
  // Listen before binding and connecting, so the first events are printed too.
  const print = (time: Date) => (event: Parameters<typeof eventRecord>[0]) => {
    if (flags.count !== undefined && seen >= flags.count) return
    const record = eventRecord(event, time)
    void ctx.stdout.write(utf8(`${flags.json ? JSON.stringify(record) : eventLine(record, paint)}\n`))
    seen += 1
    if (flags.count !== undefined && seen >= flags.count) done(0)
  }
  await openSocket(ctx, type, socketFlags, {
    label: 'monitor',
    failOnHandshake: false,
    onCreate: (socket) => {
      for (const name of EVENT_TYPES) socket.events.on(name, (event) => print(new Date())(event))
    },
  })
  return finished
}
