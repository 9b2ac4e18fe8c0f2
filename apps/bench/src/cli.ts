/**
 * `pnpm bench [--quick] [--docs] [case ...]`: checks the competitors, runs the cases, prints the table
 * and writes the results as JSON (and, with --docs, the page and chart in docs/).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs, usage } from './args.js'
import { cases } from './cases/index.js'
import type { Bench } from './cases/types.js'
import { startLoad } from './load.js'
import { asLoaded } from './loaded.js'
import { describeMachine } from './machine.js'
import { benchRoot, docsDir, resultsDir } from './paths.js'
import { stopRabbitNode } from './rabbitmq-node.js'
import { renderChart } from './report/chart-svg.js'
import { renderMarkdown } from './report/markdown.js'
import { renderTable } from './report/table.js'
import { checkRequirements } from './requirements.js'
import type { BenchResult, RunResults } from './results.js'
import { defaultLabel, runBench } from './runner.js'
import { evaluateTargets } from './targets.js'

const log = (line: string) => process.stderr.write(`${line}\n`)

function selected(all: Bench[], only: string[]): Bench[] {
  if (only.length === 0) return all
  const chosen = all.filter((b) => only.some((o) => b.caseId === o || b.id.startsWith(o)))
  if (chosen.length === 0) throw new Error(`no case matches ${only.join(', ')}\n${usage}`)
  return chosen
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2))
  if (args.list) {
    for (const c of cases) console.log(`${c.id.padEnd(20)} ${c.title}: ${c.description}`)
    return 0
  }
  const started = Date.now()
  const availability = await checkRequirements()
  const ci = process.env.CI === 'true' || process.env.CI === '1'
  const missing = Object.entries(availability).filter(([, a]) => !a.present)
  for (const [name, a] of missing)
    log(`[bench] ${a.requiredInCi && ci ? 'missing' : 'not available'}: ${name} (${a.detail})`)
  const fatal = missing.filter(([, a]) => a.requiredInCi)
  if (ci && fatal.length > 0) {
    log(`[bench] CI=true and competitors are missing: ${fatal.map(([n]) => n).join(', ')}; failing the run.`)
    return 1
  }
  const mode = { quick: args.quick, rounds: args.rounds }
  const benches = selected(
    cases.flatMap((c) => c.benches(mode)),
    args.only,
  )
  const results: BenchResult[] = []
  try {
    for (const bench of benches) {
      log(`[bench] ${bench.title}, ${bench.variant}`)
      const options = { rounds: args.rounds, availability, competitorLabel: defaultLabel, log }
      const idle = await runBench(bench, options)
      results.push(...idle)
      // The loaded pass covers the rate benches with cold and warm windows (tcp, ws), not memory or brokers.
      if (args.load > 0 && bench.phases) {
        log(`[bench] ${bench.title}, ${bench.variant}, with ${args.load} CPU-bound processes`)
        const load = startLoad(args.load)
        try {
          results.push(...asLoaded(await runBench(bench, options), idle, args.load))
        } finally {
          await load.stop()
        }
      }
    }
  } finally {
    await stopRabbitNode()
  }
  const run: RunResults = {
    command: ['pnpm bench', ...process.argv.slice(2)].join(' '),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    mode: args.quick ? 'quick' : 'full',
    rounds: args.rounds,
    load: args.load,
    durationSeconds: (Date.now() - started) / 1000,
    machine: describeMachine(availability),
    benches: results,
    targets: evaluateTargets(results),
  }
  console.log(renderTable(run))
  mkdirSync(resultsDir, { recursive: true })
  const jsonPath = join(resultsDir, args.quick ? 'quick.json' : 'latest.json')
  writeFileSync(jsonPath, `${JSON.stringify(run, null, 2)}\n`)
  log(`[bench] results written to ${jsonPath}`)
  if (args.docs) {
    mkdirSync(docsDir, { recursive: true })
    writeFileSync(join(docsDir, 'benchmarks.json'), `${JSON.stringify(run, null, 2)}\n`)
    writeFileSync(join(docsDir, 'benchmarks.svg'), renderChart(run))
    const notes = readFileSync(join(benchRoot, 'docs-notes.md'), 'utf8')
    writeFileSync(join(docsDir, 'benchmarks.md'), renderMarkdown(run, notes))
    log(`[bench] docs/benchmarks.md, .json and .svg written`)
  }
  log(`[bench] done in ${run.durationSeconds.toFixed(1)} s`)
  const failed = results.flatMap((b) =>
    b.results.filter((r) => r.status === 'failed').map((r) => `${b.id} ${r.id}`),
  )
  if (failed.length > 0) {
    log(`[bench] failed: ${failed.join(', ')}`)
    return 1
  }
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`[bench] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
