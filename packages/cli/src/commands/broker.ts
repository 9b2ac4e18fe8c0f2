import { Broker } from '@zmtp/majordomo'
import type { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { collect, duration } from '../parse-values.js'
import type { RunContext } from '../run/context.js'
import { endpointError } from '../run/endpoint-errors.js'
import { transports } from '../run/transports.js'
import { examples } from './common-options.js'
import type { TaskSink } from './task.js'

interface BrokerFlags {
  bind?: string[]
  heartbeat?: number
}

/** Registers `zmtp broker`: a Majordomo (MDP) broker from @zmtp/majordomo, until Ctrl-C. */
export function registerBroker(program: Command, sink: TaskSink): void {
  program
    .command('broker')
    .summary('run a Majordomo (MDP) broker')
    .description(
      'Runs a Majordomo broker (RFC 7 and 18): workers register services, clients send requests by ' +
        'service name, and the broker routes them, with heartbeats. Runs until Ctrl-C. For Titanic ' +
        '(durable requests), use the zmtp-broker command of @zmtp/majordomo with --store.',
    )
    .option('-b, --bind <url>', 'listen on URL (repeatable)', collect)
    .option('--heartbeat <duration>', 'heartbeat interval towards workers', duration())
    .addHelpText(
      'after',
      examples(['zmtp broker --bind tcp://*:5555', 'zmtp broker --bind tcp://*:5555 --bind ws://*:8080/mdp']),
    )
    .action((flags: BrokerFlags) => sink((ctx) => runBroker(ctx, flags)))
}

async function runBroker(ctx: RunContext, flags: BrokerFlags): Promise<number> {
  const binds = flags.bind ?? []
  if (binds.length === 0)
    throw new CliError('ERR_USAGE', 'the broker needs an endpoint', "add --bind 'tcp://*:5555'")
  const broker = new Broker({
    transports: transports({}),
    ...(flags.heartbeat !== undefined ? { heartbeatInterval: flags.heartbeat } : {}),
  })
  try {
    for (const endpoint of binds) {
      try {
        ctx.note(`broker bound ${await broker.bind(endpoint)}`)
      } catch (error) {
        throw endpointError(error, endpoint, 'bind')
      }
    }
    return await ctx.stopped
  } finally {
    await broker.close()
  }
}
