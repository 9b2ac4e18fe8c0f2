// Summaries of repeated measurements. Medians, because a noisy shared machine produces outliers.

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Medians of each metric over samples that share the same keys. */
export function medians(samples: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const key of Object.keys(samples[0] ?? {})) out[key] = median(samples.map((s) => s[key]!))
  return out
}

/** Events per second from a count and a duration in nanoseconds. */
export const perSecond = (count: number, elapsedNs: number): number => (count * 1e9) / elapsedNs
