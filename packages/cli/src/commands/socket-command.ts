import type { Command } from 'commander'
import { createFormat, parseDelimiter } from '../formats/create-format.js'
import { collect } from '../parse-values.js'
import type { RunContext } from '../run/context.js'
import type { FlowFlags } from '../run/messages.js'
import { openSocket, type SocketFlags } from '../run/open-socket.js'
import { type RoleFlags, runRole } from '../run/roles.js'
import type { SocketType } from '../socket-types.js'
import {
  endpointOptions,
  examples,
  formatOptions,
  limitOptions,
  sendOptions,
  socketOptions,
} from './common-options.js'
import { SOCKET_EXAMPLES } from './examples.js'
import type { TaskSink } from './task.js'

/** Everything a socket command's flags hold. */
export interface SocketCommandFlags extends SocketFlags, FlowFlags, RoleFlags {
  format: string
  delimiter: string
}

const COUNTED: Readonly<Record<SocketType['role'], string>> = {
  send: 'N messages sent',
  receive: 'N messages received',
  duplex: 'N messages received',
  request: 'N requests answered',
  reply: 'N requests answered',
}

/** Registers `zmtp <type>`: only the options that make sense for the type's role, so others are refused. */
export function registerSocketCommand(program: Command, type: SocketType, sink: TaskSink): void {
  const command = program
    .command(type.name)
    .summary(type.summary)
    .description(`A ${type.name.toUpperCase()} socket: ${type.summary}. It talks to ${type.peers}.`)
  endpointOptions(command)
  formatOptions(command)
  limitOptions(command, COUNTED[type.role])
  if (type.role !== 'receive' && type.role !== 'reply') sendOptions(command)
  if (type.name === 'sub' || type.name === 'xsub') {
    command.option(
      '-s, --subscribe <topic>',
      'receive messages whose first frame starts with topic (repeatable)',
      collect,
    )
  }
  if (type.role === 'reply') {
    command
      .option('-e, --echo', 'answer each request with itself')
      .option(
        '-x, --exec <command>',
        'answer with the output of a shell command that reads the request on stdin',
      )
  }
  socketOptions(command)
  command.addHelpText('after', examples(SOCKET_EXAMPLES[type.name] ?? []))
  command.action((flags: SocketCommandFlags) => sink((ctx) => runSocketCommand(ctx, type, flags)))
}

async function runSocketCommand(
  ctx: RunContext,
  type: SocketType,
  flags: SocketCommandFlags,
): Promise<number> {
  const format = createFormat(flags.format, parseDelimiter(flags.delimiter))
  const socket = await openSocket(ctx, type, flags)
  return runRole(type, { ctx, socket, format, flags }, flags)
}
