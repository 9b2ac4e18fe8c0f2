// The console table: per bench, each competitor's medians and ours ÷ theirs on the first metric.
import type { BenchResult, CompetitorResult, RunResults, TargetResult } from '../results.js'
import { formatRatio, formatValue, machineLine } from './format.js'

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width)
}

function cell(result: CompetitorResult, bench: BenchResult): string[] {
  if (result.status !== 'ok') {
    const note = result.status === 'missing' ? `missing: ${result.detail}` : 'FAILED (see log above)'
    return [note, ...bench.metrics.slice(1).map(() => ''), '']
  }
  return [
    ...bench.metrics.map((m) => formatValue(result.median[m.key], m)),
    formatRatio(result.ratio, result.idleRatio),
  ]
}

export function renderTable(run: RunResults): string {
  const lines: string[] = []
  lines.push(`zmtp benchmarks, ${run.mode} run of ${run.date} (${run.rounds} rounds, medians)`)
  lines.push(`machine: ${machineLine(run.machine)}`)
  for (const [name, detail] of Object.entries(run.machine.peers)) lines.push(`  ${name}: ${detail}`)
  lines.push(`ratio: ours ÷ theirs on the first metric (above 1 is better for higher-is-better metrics)`)
  let title = ''
  for (const bench of run.benches) {
    if (bench.title !== title) {
      title = bench.title
      lines.push('')
      const header = ['', '', ...bench.metrics.map((m) => m.label), 'ours ÷ them']
      lines.push(row(header))
    }
    // A variant that names its window (cold, warm, loaded) gets a line of its own above its rows.
    const own = bench.variant.length > 12
    if (own) lines.push(bench.variant)
    bench.results.forEach((result, i) => {
      lines.push(row([i === 0 && !own ? bench.variant : '', result.label, ...cell(result, bench)]))
    })
  }
  lines.push('')
  lines.push(renderTargets(run.targets))
  return lines.join('\n')
}

function row(cells: string[]): string {
  const [variant, label, ...rest] = cells
  const body = rest.map((c, i) =>
    c.startsWith('missing') || c.startsWith('FAILED')
      ? c
      : i === rest.length - 1
        ? ` ${pad(c, 11, true)}`
        : pad(c, 16, true),
  )
  return `${pad(variant ?? '', 12)}${pad(label ?? '', 18)}${body.join('')}`
}

export function renderTargets(targets: TargetResult[]): string {
  const lines = ['targets (reported, not asserted):']
  for (const t of targets) {
    const verdict = t.met === null ? '   ' : t.met ? 'met' : 'NOT'
    lines.push(`  [${verdict}] ${t.description}: ${t.measured}`)
  }
  return lines.join('\n')
}
