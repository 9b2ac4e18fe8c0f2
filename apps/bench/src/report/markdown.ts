/**
 * docs/benchmarks.md, generated from a run's results so that every figure in it comes from that run.
 * The prose around the figures explains the method and is the same for every run.
 */
import type { BenchResult, RunResults } from '../results.js'
import { formatRatio, formatValue, machineLine } from './format.js'

function benchTable(benches: BenchResult[]): string {
  const metrics = benches[0]!.metrics
  const lines = [
    `| | | ${metrics.map((m) => m.label).join(' | ')} | ours ÷ them |`,
    `|---|---|${metrics.map(() => '---:').join('|')}|---:|`,
  ]
  for (const bench of benches) {
    bench.results.forEach((r, i) => {
      const values =
        r.status === 'ok'
          ? metrics.map((m) => formatValue(r.median[m.key], m))
          : [`${r.status}: ${r.detail?.split('\n')[0] ?? ''}`, ...metrics.slice(1).map(() => '')]
      lines.push(
        `| ${i === 0 ? bench.variant : ''} | ${r.label} | ${values.join(' | ')} | ${formatRatio(r.ratio, r.idleRatio)} |`,
      )
    })
  }
  return lines.join('\n')
}

export function renderMarkdown(run: RunResults, notes: string): string {
  const out: string[] = []
  out.push('# Benchmarks')
  out.push('')
  out.push(
    `The figures below come from \`${run.command}\`, run on ${run.date} (${run.mode} run, ${run.rounds} rounds, medians; ${Math.round(run.durationSeconds)} s in all). The raw results are in [benchmarks.json](benchmarks.json); the suite and how to run it are described in [apps/bench](../apps/bench/README.md).`,
  )
  out.push('')
  out.push(`Machine: ${machineLine(run.machine)}.`)
  for (const [name, detail] of Object.entries(run.machine.peers)) out.push(`- ${name}: ${detail}`)
  out.push('')
  out.push('![ratios of zmtp to each competitor](benchmarks.svg)')
  out.push('')
  out.push('## Targets')
  out.push('')
  out.push('| target | measured | met |')
  out.push('|---|---:|---|')
  for (const t of run.targets) {
    out.push(`| ${t.description} | ${t.measured} | ${t.met === null ? '—' : t.met ? 'yes' : 'no'} |`)
  }
  const groups = new Map<string, BenchResult[]>()
  for (const bench of run.benches) groups.set(bench.title, [...(groups.get(bench.title) ?? []), bench])
  for (const [title, benches] of groups) {
    out.push('')
    out.push(`## ${title}`)
    out.push('')
    out.push(benchTable(benches))
  }
  out.push('')
  out.push(notes.trim())
  out.push('')
  return out.join('\n')
}
