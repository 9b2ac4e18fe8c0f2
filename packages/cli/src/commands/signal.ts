import { parseSignalArgs, serveSignalArgs, signalOptionsHelp } from '@zmtp/webrtc-signal/command'
import type { Command } from 'commander'
import type { RunContext } from '../run/context.js'
import { endpointError } from '../run/endpoint-errors.js'
import type { TaskSink } from './task.js'
import { parseWrapped, registerWrapped } from './wrapped-command.js'

/**
 * Registers `zmtp signal`: the `zmtp-signal` command of @zmtp/webrtc-signal (its parser, options and
 * start-up), reporting and exiting as every `zmtp` command does.
 */
export function registerSignal(program: Command, sink: TaskSink): void {
  registerWrapped(program, sink, {
    name: 'signal',
    summary: 'run the WebRTC signaling server that webrtc:// endpoints meet through',
    description:
      'Runs the reference signaling server of @zmtp/transport-webrtc: peers announce their webrtc:// ids ' +
      'to it and pass offers, answers and candidates through it; the data then flows between the peers ' +
      'directly. Browsers reach it over ws://, Node (zmtp --signal) over tcp:// or ws://. It is the ' +
      "zmtp-signal command of @zmtp/webrtc-signal, with the same options. Prints 'serving on " +
      "<endpoint>...' on stderr once bound; runs until Ctrl-C.",
    usage: '--bind <endpoint> [--bind <endpoint>...] [--max-message-size <octets>] [--verbose]',
    optionsHelp: signalOptionsHelp,
    examples: [
      'zmtp signal --bind tcp://127.0.0.1:8091 --bind ws://127.0.0.1:8090',
      'zmtp rep --bind webrtc://echo --signal tcp://127.0.0.1:8091 --echo',
      'echo hi | zmtp req --connect webrtc://echo --signal tcp://127.0.0.1:8091',
    ],
    run: runSignal,
  })
}

async function runSignal(ctx: RunContext, argv: readonly string[]): Promise<number> {
  const args = parseWrapped('signal', () => parseSignalArgs(argv))
  let server: Awaited<ReturnType<typeof serveSignalArgs>>
  try {
    server = await serveSignalArgs(
      args,
      (line) => ctx.note(line),
      (line) => ctx.note(line),
    )
  } catch (error) {
    // The server unbinds everything when one bind fails; the error names the address, this the endpoints.
    throw endpointError(error, args.bind.join(' '), 'bind')
  }
  try {
    return await ctx.stopped
  } finally {
    server.close()
  }
}
