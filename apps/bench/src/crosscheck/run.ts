/**
 * `pnpm crosscheck [--quick] [--rounds N]` (in apps/bench, after a build): runs the plain two-process
 * programs of sockets.ts and net.ts, then the suite's own warm rows for the same cases with the same
 * warm-up and counts, and prints both with their difference. Issue #17 asks for the suite to agree with
 * the plain programs within 10 %; a larger difference is flagged here and explained in docs-notes.md.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { pushPullTcp } from '../cases/push-pull-tcp.js'
import { reqRepTcp } from '../cases/req-rep-tcp.js'
import type { CompetitorId } from '../cases/types.js'
import { steadyMallocEnv } from '../malloc-env.js'
import { resultsDir } from '../paths.js'
import { checkRequirements } from '../requirements.js'
import { defaultLabel, runBench } from '../runner.js'
import { median } from '../stats.js'
import { crossChecks } from './checks.js'

const here = dirname(fileURLToPath(import.meta.url))
const log = (line: string) => process.stderr.write(`${line}\n`)
/** The suite's rows may differ from the plain programs' by this much before a difference is flagged. */
const TOLERANCE = 0.1

/** Starts `args` as a Node process and resolves with its first JSON line; the process is killed by the caller. */
function start(args: string[], env?: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    ...(env ? { env } : {}),
  })
  const lines = createInterface({ input: child.stdout })
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      lines.once('line', (line) => resolve(JSON.parse(line) as Record<string, unknown>))
      child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code})`)))
    })
  const kill = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL')
  }
  return { next, kill }
}

/** One run of a plain program pair: events per second over the timed window (req or pull keeps it). */
async function plain(
  program: string[],
  server: string,
  client: string,
  settings: string[],
  env?: NodeJS.ProcessEnv,
): Promise<number> {
  const bound = start([...program, server, '-', ...settings], env)
  let dialled: ReturnType<typeof start> | undefined
  try {
    const { endpoint } = await bound.next()
    dialled = start([...program, client, String(endpoint), ...settings], env)
    const result = await (server === 'pull' ? bound : dialled).next()
    return (Number(result.events) * 1e9) / Number(result.elapsedNs)
  } finally {
    bound.kill()
    dialled?.kill()
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const quick = argv.includes('--quick')
  const roundsAt = argv.indexOf('--rounds')
  const rounds = roundsAt >= 0 ? Number(argv[roundsAt + 1]) : quick ? 1 : 3
  const mode = { quick, rounds }
  const benches = [...pushPullTcp.benches(mode), ...reqRepTcp.benches(mode)]
  const availability = await checkRequirements()
  const rows: Record<string, unknown>[] = []
  for (const check of crossChecks(mode)) {
    const bench = benches.find((b) => b.id === check.bench)!
    // Alternating, a round of the plain programs then a round of the suite's rows, so that a change in
    // the machine's load falls on both.
    const only = { ...bench, competitors: bench.competitors.filter((c) => check.libs.includes(c.id)) }
    const plainSamples = new Map<CompetitorId, number[]>(check.libs.map((lib) => [lib, []]))
    const suiteSamples = new Map<CompetitorId, number[]>(check.libs.map((lib) => [lib, []]))
    for (let r = 0; r < rounds; r++) {
      log(`[crosscheck] ${check.bench} round ${r + 1}/${rounds}: plain programs, then the suite's rows`)
      for (const lib of check.libs) {
        const program = lib === 'net' ? [join(here, 'net.js')] : [join(here, 'sockets.js'), lib]
        // The other programs in the same malloc state as their suite rows (see malloc-env.ts).
        const env = lib === 'zmtp' ? undefined : steadyMallocEnv()
        plainSamples.get(lib)!.push(await plain(program, check.server, check.client, check.settings, env))
      }
      const [, warm] = await runBench(only, { rounds: 1, availability, competitorLabel: defaultLabel, log })
      for (const lib of check.libs) {
        const value = warm?.results.find((result) => result.id === lib)?.median[check.metric]
        if (value !== undefined) suiteSamples.get(lib)!.push(value)
      }
    }
    const plainRates = new Map(check.libs.map((lib) => [lib, median(plainSamples.get(lib)!)]))
    const suiteRates = new Map(check.libs.map((lib) => [lib, median(suiteSamples.get(lib)!)]))
    for (const lib of check.libs) {
      const suite = suiteRates.get(lib)
      const ownRate = plainRates.get(lib)!
      const difference = suite === undefined ? Number.NaN : suite / ownRate - 1
      rows.push({ bench: `${check.bench}-warm`, lib, plain: ownRate, suite, difference })
      const flag = Math.abs(difference) > TOLERANCE ? '  <- over 10 %' : ''
      console.log(
        `${check.bench.padEnd(22)} ${lib.padEnd(9)} plain ${Math.round(ownRate).toLocaleString('en-US').padStart(10)}` +
          `  suite ${Math.round(suite ?? Number.NaN)
            .toLocaleString('en-US')
            .padStart(10)}` +
          `  ${(difference * 100).toFixed(1).padStart(6)} %${flag}`,
      )
    }
  }
  mkdirSync(resultsDir, { recursive: true })
  const path = join(resultsDir, quick ? 'crosscheck-quick.json' : 'crosscheck.json')
  writeFileSync(path, `${JSON.stringify({ date: new Date().toISOString(), rounds, rows }, null, 2)}\n`)
  log(`[crosscheck] written to ${path}`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`[crosscheck] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
