import { Command } from 'commander'
import { registerBench } from './commands/bench.js'
import { registerBroker } from './commands/broker.js'
import { registerKeygen } from './commands/keygen.js'
import { registerMonitor } from './commands/monitor.js'
import { registerProxy } from './commands/proxy.js'
import { registerSignal } from './commands/signal.js'
import { registerSocketCommand } from './commands/socket-command.js'
import type { TaskSink } from './commands/task.js'
import { SOCKET_TYPES } from './socket-types.js'

/** The command table. Socket commands come from {@link SOCKET_TYPES}; each tool registers itself here. */
const TOOLS: readonly ((program: Command, sink: TaskSink) => void)[] = [
  registerMonitor,
  registerProxy,
  registerBroker,
  registerSignal,
  registerKeygen,
  registerBench,
]

/** Output hooks, so that help and usage errors go where the run's streams go. */
export interface ProgramOutput {
  writeOut(text: string): void
  writeErr(text: string): void
}

/** Builds the `zmtp` program; the chosen command's work goes to `sink`. */
export function buildProgram(sink: TaskSink, output: ProgramOutput, version: string): Command {
  const program = new Command('zmtp')
    .description(
      'Talk to any ZeroMQ socket from a terminal: bind or connect every socket type over tcp, ipc, ws, ' +
        'wss and webrtc; stdin lines become messages, messages become stdout lines.',
    )
    .version(version, '-V, --version')
    .configureOutput(output)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `
Exit codes: 0 done, 1 usage error or bad input, 2 connection or handshake failure, 3 timeout, 130 interrupted.

Examples:
  zmtp rep --bind tcp://127.0.0.1:5555 --echo
  echo hello | zmtp req --connect tcp://127.0.0.1:5555
  zmtp sub --connect ws://127.0.0.1:8080/feed --subscribe weather. --format json
  zmtp monitor tcp://127.0.0.1:5555`,
    )
  program.configureHelp({ sortSubcommands: false })
  for (const type of SOCKET_TYPES) registerSocketCommand(program, type, sink)
  for (const register of TOOLS) register(program, sink)
  // Each subcommand reports its own errors the same way and never calls process.exit itself.
  for (const command of program.commands) {
    command
      .configureOutput(output)
      .exitOverride()
      .showHelpAfterError('(add --help for usage)')
      .showSuggestionAfterError()
  }
  return program
}
