import { parseArgs } from 'node:util'

/** The broker process's settings, from its command line. */
export interface BrokerArgs {
  binds: string[]
  store: string | undefined
  monitor: string | undefined
  monitorInterval: number
  heartbeat: number
  maxQueue: number
  expiry: number
  titanicTimeout: number
  titanicAttempts: number
  help: boolean
}

/**
 * The broker's options, one per line with what each does: the one description that `zmtp-broker` and the
 * `zmtp broker` command of @zmtp/cli both print, since both parse their options with {@link parseBrokerArgs}.
 */
export const brokerOptionsHelp = `  --bind <endpoint>        listen here (tcp://host:port, ws://host:port/path, ipc://path); repeatable
  --store <path>           run Titanic (RFC 9) with its durable SQLite store at <path>
  --monitor <endpoint>     publish ['mdp.stats', json] on a PUB socket bound here
  --monitor-interval <ms>  how often to publish stats (default 1000)
  --heartbeat <ms>         heartbeat interval shared with workers (default 2500)
  --max-queue <n>          requests queued per service before clients are refused (default 10000)
  --expiry <ms>            expire requests that wait this long for a worker (default 0: never)
  --titanic-timeout <ms>   how long Titanic waits for each try of a stored request (default 5000)
  --titanic-attempts <n>   tries before Titanic dead-letters a request (default 3)`

/** The usage text of `zmtp-broker`. */
export const usage = `usage: zmtp-broker --bind <endpoint> [--bind <endpoint>...] [options]

${brokerOptionsHelp}

Prints 'listening <endpoint>' for each endpoint bound; exits on SIGINT or SIGTERM.`

function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0)
    throw new Error(`--${name} wants a whole number, not '${value}'`)
  return number
}

/** Parses `argv` (without node and the script); throws with a message fit for the user on bad input. */
export function parseBrokerArgs(argv: readonly string[]): BrokerArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      bind: { type: 'string', multiple: true },
      store: { type: 'string' },
      monitor: { type: 'string' },
      'monitor-interval': { type: 'string' },
      heartbeat: { type: 'string' },
      'max-queue': { type: 'string' },
      expiry: { type: 'string' },
      'titanic-timeout': { type: 'string' },
      'titanic-attempts': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  const args: BrokerArgs = {
    binds: values.bind ?? [],
    store: values.store,
    monitor: values.monitor,
    monitorInterval: count(values['monitor-interval'], 1000, 'monitor-interval'),
    heartbeat: count(values.heartbeat, 2500, 'heartbeat'),
    maxQueue: count(values['max-queue'], 10_000, 'max-queue'),
    expiry: count(values.expiry, 0, 'expiry'),
    titanicTimeout: count(values['titanic-timeout'], 5000, 'titanic-timeout'),
    titanicAttempts: count(values['titanic-attempts'], 3, 'titanic-attempts'),
    help: values.help ?? false,
  }
  if (!args.help && args.binds.length === 0) throw new Error('at least one --bind is needed')
  return args
}
