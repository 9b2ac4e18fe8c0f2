import { brokerOptionsHelp, parseBrokerArgs, startBroker } from '@zmtp/majordomo/cli'
import type { Command } from 'commander'
import type { RunContext } from '../run/context.js'
import { endpointError } from '../run/endpoint-errors.js'
import type { TaskSink } from './task.js'
import { parseWrapped, registerWrapped } from './wrapped-command.js'

/**
 * Registers `zmtp broker`: the `zmtp-broker` command of @zmtp/majordomo (its parser, options and start-up),
 * reporting and exiting as every `zmtp` command does.
 */
export function registerBroker(program: Command, sink: TaskSink): void {
  registerWrapped(program, sink, {
    name: 'broker',
    summary: 'run a Majordomo (MDP) broker, with Titanic when given a store',
    description:
      'Runs a Majordomo broker (RFC 7 and 18): workers register services, clients send requests by ' +
      'service name, and the broker routes them, with heartbeats. With --store it runs Titanic (RFC 9, ' +
      'durable requests) too. It is the zmtp-broker command of @zmtp/majordomo, with the same options. ' +
      "Prints 'listening <endpoint>' on stderr for each endpoint bound; runs until Ctrl-C.",
    usage: '--bind <endpoint> [--bind <endpoint>...] [options]',
    optionsHelp: brokerOptionsHelp,
    examples: [
      'zmtp broker --bind tcp://*:5555',
      'zmtp broker --bind tcp://*:5555 --bind ws://*:8080/mdp --monitor tcp://*:5556',
      'zmtp broker --bind tcp://127.0.0.1:5555 --store ./titanic.db',
    ],
    run: runBroker,
  })
}

async function runBroker(ctx: RunContext, argv: readonly string[]): Promise<number> {
  const args = parseWrapped('broker', () => parseBrokerArgs(argv))
  // The broker binds in order: every --bind, then --monitor. What it logged says which one failed.
  const started: string[] = []
  let stop: () => Promise<void>
  try {
    stop = await startBroker(args, (line) => {
      started.push(line)
      ctx.note(line)
    })
  } catch (error) {
    const endpoint = [...args.binds, args.monitor ?? ''][started.length] ?? ''
    throw endpointError(error, endpoint, 'bind')
  }
  try {
    return await ctx.stopped
  } finally {
    await stop()
  }
}
