// Command-line options of `pnpm bench`.

export interface Args {
  quick: boolean
  /** Rounds per bench; memory cases use fewer. */
  rounds: number
  /** Also write docs/benchmarks.{json,svg,md}. */
  docs: boolean
  list: boolean
  /** CPU-bound processes competing for the cores in a second, loaded pass of every bench; 0 for none. */
  load: number
  /** Case ids (or bench id prefixes) to run; all when empty. */
  only: string[]
}

export const usage = `usage: pnpm bench [--quick] [--rounds N] [--docs] [--list] [case ...]
  --quick     each case briefly, one round (the package's test script)
  --rounds N  rounds per case (default 5, quick 1)
  --docs      also write docs/benchmarks.md, .json and .svg from this run
  --load N    run every bench with cold and warm windows again with N CPU-bound processes
              competing for the cores, and report each ratio beside its idle value
  --list      list the cases and exit
  case ...    run only these cases or benches (by id prefix, e.g. push-pull-tcp-16B)`

export function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, rounds: 0, docs: false, list: false, load: 0, only: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--quick') args.quick = true
    else if (arg === '--docs') args.docs = true
    else if (arg === '--list') args.list = true
    else if (arg === '--rounds') args.rounds = Number(argv[++i])
    else if (arg === '--load') args.load = Number(argv[++i])
    else if (arg === '--') continue
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}\n${usage}`)
    else args.only.push(arg)
  }
  if (args.rounds === 0) args.rounds = args.quick ? 1 : 5
  if (!Number.isInteger(args.rounds) || args.rounds < 1)
    throw new Error(`--rounds needs a positive integer\n${usage}`)
  if (!Number.isInteger(args.load) || args.load < 0)
    throw new Error(`--load needs a count of processes (0 or more)\n${usage}`)
  return args
}
