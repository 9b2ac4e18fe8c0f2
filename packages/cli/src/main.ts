import { readFileSync } from 'node:fs'
import { CommanderError } from 'commander'
import type { CliError } from './cli-error.js'
import type { Task } from './commands/task.js'
import { ExitCode } from './exit-codes.js'
import { buildProgram } from './program.js'
import { RunContext, type Streams } from './run/context.js'
import { asCliError } from './run/roles.js'

/** How a run ended: the exit code, and the longest `--linger` given, which bounds the wait for exit. */
export interface RunResult {
  code: number
  linger: number | undefined
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  return manifest.version
}

/**
 * Runs `zmtp` with `argv` (without node and the script) against `streams`: parses the command line, runs
 * the command until it is done, stopped (SIGINT, a closed stdout) or failed, then closes its sockets.
 * Errors are printed on stderr with their fix.
 */
export async function run(argv: readonly string[], streams: Streams = processStreams()): Promise<RunResult> {
  const ctx = new RunContext(streams)
  let task: Task | undefined
  const program = buildProgram(
    (picked) => (task = picked),
    {
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
    },
    version(),
  )
  try {
    await program.parseAsync([...argv], { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError)
      return { code: error.exitCode === 0 ? 0 : ExitCode.Usage, linger: undefined }
    throw error
  }
  if (!task) return { code: ExitCode.Ok, linger: undefined }
  const onSigint = (): void => {
    ctx.stop(ExitCode.Interrupted)
    // A second Ctrl-C does not wait for lingering messages.
    process.once('SIGINT', () => process.exit(ExitCode.Interrupted))
  }
  process.once('SIGINT', onSigint)
  try {
    return { code: await Promise.race([task(ctx), ctx.stopped]), linger: ctx.linger }
  } catch (error) {
    const failure = asCliError(error)
    report(ctx, failure)
    return { code: failure.exitCode, linger: ctx.linger }
  } finally {
    process.off('SIGINT', onSigint)
    ctx.closeAll()
  }
}

function report(ctx: RunContext, error: CliError): void {
  const fix = error.fix ? `\n${ctx.paint('dim', '  fix:')} ${error.fix}` : ''
  ctx.streams.stderr.write(`${ctx.paint('red', 'zmtp: error:')} ${error.message}${fix}\n`)
}

function processStreams(): Streams {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }
}
