import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { AttackResult } from './run.js'

const fixed = (value: number, digits = 0) => value.toFixed(digits)

/** One row per result: the figures the README table is made of. */
export function formatReport(results: readonly AttackResult[]): string {
  const header = [
    'attack',
    'server',
    'alive',
    'base RSS MiB',
    'peak RSS MiB',
    'growth MiB',
    'peak heap MiB',
    'good RTs',
    'timeouts',
    'max RT ms',
    'sent MiB',
    's',
  ]
  const rows = results.map((r) => [
    r.attack,
    r.target,
    r.alive ? 'yes' : `NO (${r.exit})`,
    fixed(r.baselineRssMib),
    fixed(r.peakRssMib),
    fixed(r.peakRssMib - r.baselineRssMib),
    r.target === 'ours' ? fixed(r.peakHeapMib) : '-',
    String(r.good.count),
    String(r.good.timeouts),
    fixed(r.good.maxMs),
    fixed(r.stats.bytesSent / (1024 * 1024), 1),
    fixed(r.seconds, 1),
  ])
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`)
  return lines.join('\n')
}

/** Appends results as JSON lines to `path` (when set), for a longer run to collect. */
export function recordResult(path: string | undefined, result: AttackResult): void {
  if (!path) return
  mkdirSync(dirname(path), { recursive: true })
  appendFileSync(path, `${JSON.stringify(result)}\n`)
}
