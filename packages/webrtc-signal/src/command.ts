import { parseArgs } from 'node:util'
import type { SignalingServer } from './start.js'

/**
 * The options of the signaling command, one per line with what each does: the one description that
 * `zmtp-signal` and the `zmtp signal` command of @zmtp/cli both print, since both parse with
 * {@link parseSignalArgs}.
 */
export const signalOptionsHelp = `  --bind               ws://host:port[/path] for browsers, tcp://host:port for Node (repeatable)
  --max-message-size   largest signaling message accepted, in octets (default 65536)
  --verbose            print every refused request`

/** The usage text of the signaling command, under the name `command`. */
export function signalUsage(command = 'zmtp-signal'): string {
  return `usage: ${command} --bind <endpoint> [--bind <endpoint>...] [--max-message-size <octets>] [--verbose]

${signalOptionsHelp}

example: ${command} --bind ws://127.0.0.1:8090 --bind tcp://127.0.0.1:8091`
}

/** The signaling command's settings, from its command line. */
export interface SignalArgs {
  bind: string[]
  maxMessageSize: number | undefined
  verbose: boolean
  help: boolean
}

/** Thrown by {@link parseSignalArgs} for a command line it cannot take; the message is fit for the user. */
export class SignalUsageError extends Error {
  readonly code = 'ERR_USAGE'
  override readonly name = 'SignalUsageError'
}

/** Parses `argv` (without node and the script). @throws {@link SignalUsageError} on bad input. */
export function parseSignalArgs(argv: readonly string[]): SignalArgs {
  let values: { bind?: string[]; 'max-message-size'?: string; verbose?: boolean; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        bind: { type: 'string', multiple: true },
        'max-message-size': { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    throw new SignalUsageError((error as Error).message)
  }
  const help = values.help ?? false
  if (!help && !values.bind?.length) throw new SignalUsageError('nothing to bind')
  const size = values['max-message-size']
  const maxMessageSize = size === undefined ? undefined : Number(size)
  if (maxMessageSize !== undefined && !(Number.isInteger(maxMessageSize) && maxMessageSize > 0)) {
    throw new SignalUsageError('--max-message-size must be a positive integer')
  }
  return { bind: values.bind ?? [], maxMessageSize, verbose: values.verbose ?? false, help }
}

/**
 * Starts the signaling server as `args` say: logs `serving on <endpoint>...` once bound and, with
 * `--verbose`, each refused request through `logError`. The server's modules load here, not with this
 * one, so a command line that only parses or prints help stays quick to start.
 */
export async function serveSignalArgs(
  args: SignalArgs,
  log: (line: string) => void,
  logError: (line: string) => void,
): Promise<SignalingServer> {
  const { startSignalingServer } = await import('./start.js')
  const server = await startSignalingServer({
    bind: args.bind,
    maxMessageSize: args.maxMessageSize,
    onRefused: args.verbose ? (error) => logError(`refused: ${error.code} ${error.message}`) : undefined,
  })
  log(`serving on ${server.endpoints.join(' ')}`)
  return server
}
