import type { Command } from 'commander'
import { CliError } from '../cli-error.js'
import type { RunContext } from '../run/context.js'
import { examples } from './common-options.js'
import type { TaskSink } from './task.js'

/**
 * A command whose options belong to another package's command (`zmtp broker` is `zmtp-broker`, `zmtp
 * signal` is `zmtp-signal`): commander passes the arguments through untouched, the package parses them, and
 * `--help` prints the package's own option lines. One parser, one help text: the two commands cannot drift.
 */
export interface WrappedCommand {
  name: string
  summary: string
  description: string
  /** What follows `zmtp <name>` on the usage line. */
  usage: string
  /** The wrapped command's option lines, as it prints them. */
  optionsHelp: string
  examples: readonly string[]
  /** Parses `argv` with the wrapped command's parser and runs it until the run stops. */
  run(ctx: RunContext, argv: readonly string[]): Promise<number>
}

/** Registers `spec` as `zmtp <name>`. */
export function registerWrapped(program: Command, sink: TaskSink, spec: WrappedCommand): void {
  const command = program
    .command(spec.name)
    .summary(spec.summary)
    .description(spec.description)
    .argument('[options...]')
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption('-h, --help', 'show this help')
  // Our own --help line, aligned with the wrapped command's descriptions.
  const column = /^( +\S+(?: \S+)*? {2,})\S/.exec(spec.optionsHelp)?.[1]?.length ?? 26
  const helpLine = `${'  -h, --help'.padEnd(column)}show this help`
  command.configureHelp({
    formatHelp: (_command, helper) =>
      `Usage: zmtp ${spec.name} ${spec.usage}\n\n${helper.boxWrap(spec.description, helper.helpWidth ?? 80)}` +
      `\n\nOptions:\n${spec.optionsHelp}\n${helpLine}\n${examples(spec.examples)}`,
  })
  command.action((argv: string[]) => sink((ctx) => spec.run(ctx, argv)))
}

/** Runs a wrapped command's parser, turning what it throws into a usage error (exit 1). */
export function parseWrapped<T>(name: string, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    throw new CliError('ERR_USAGE', (error as Error).message, `see zmtp ${name} --help`)
  }
}
