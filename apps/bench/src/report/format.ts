// Number formatting shared by the console table, the Markdown and the chart.
import type { Metric } from '../cases/types.js'

export function formatValue(value: number | undefined, metric: Metric): string {
  if (value === undefined || Number.isNaN(value)) return '—'
  const digits = metric.digits ?? 0
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** A ratio, and in a loaded pass the idle pass's ratio beside it. */
export function formatRatio(ratio: number | undefined, idleRatio?: number): string {
  if (ratio === undefined) return ''
  return idleRatio === undefined
    ? `${ratio.toFixed(2)}×`
    : `${ratio.toFixed(2)}× (idle ${idleRatio.toFixed(2)}×)`
}

export function machineLine(m: {
  cores: number
  cpu: string
  node: string
  os: string
  memoryGib: number
}): string {
  return `${m.cores} cores, ${m.cpu}, ${m.memoryGib} GiB, ${m.os}, Node ${m.node}`
}
