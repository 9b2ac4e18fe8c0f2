/**
 * Runs each bench's competitors in turn, several rounds, reversing the order every other round so that
 * no competitor always runs first (a warm page cache, a quieter neighbour), then takes medians and the
 * ratio of ours to each of the others. Nothing here asserts on timings.
 */
import { COLD } from './cases/phases.js'
import type { Bench, Competitor } from './cases/types.js'
import { competitorLabels } from './cases/types.js'
import type { Availability, Requirement } from './requirements.js'
import type { BenchResult, CompetitorResult } from './results.js'
import { medians } from './stats.js'

export interface RunOptions {
  rounds: number
  availability: Record<Requirement, Availability>
  competitorLabel: (id: Competitor['id']) => string
  log: (line: string) => void
}

export async function runBench(bench: Bench, options: RunOptions): Promise<BenchResult[]> {
  const rounds = bench.rounds ?? options.rounds
  const entries = bench.competitors.map((competitor) => {
    const availability = competitor.requires ? options.availability[competitor.requires] : undefined
    const result: CompetitorResult = {
      id: competitor.id,
      label: options.competitorLabel(competitor.id),
      status: availability && !availability.present ? 'missing' : 'ok',
      samples: [],
      median: {},
    }
    if (availability && !availability.present) result.detail = availability.detail
    return { competitor, result }
  })
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? entries : [...entries].reverse()
    for (const { competitor, result } of order) {
      if (result.status !== 'ok') continue
      const started = Date.now()
      try {
        result.samples.push(await competitor.run())
        options.log(`  ${bench.id} ${competitor.id} round ${round + 1}/${rounds} ${Date.now() - started} ms`)
      } catch (error) {
        result.status = 'failed'
        result.detail = error instanceof Error ? error.message : String(error)
        options.log(`  ${bench.id} ${competitor.id} FAILED: ${result.detail}`)
      }
    }
  }
  const results = entries.map((e) => e.result)
  for (const result of results) {
    if (result.status === 'ok' && result.samples.length > 0) result.median = medians(result.samples)
  }
  const base = {
    caseId: bench.caseId,
    title: bench.title,
    metrics: bench.metrics,
    rounds,
  }
  if (!bench.phases) {
    return [withRatios({ ...base, id: bench.id, variant: bench.variant, results })]
  }
  return [
    withRatios({
      ...base,
      id: `${bench.id}-cold`,
      variant: `${bench.variant}, ${bench.phases.cold}`,
      results: entries.map(({ competitor, result }) => coldOnly(result, competitor.noColdWindow)),
    }),
    withRatios({
      ...base,
      id: `${bench.id}-warm`,
      variant: `${bench.variant}, ${bench.phases.warm}`,
      results: results.map(warmOnly),
    }),
  ]
}

/** A competitor's cold-window figures under the bench's own metric names; missing if it has none. */
function coldOnly(result: CompetitorResult, why = 'no JIT to warm'): CompetitorResult {
  const pick = (sample: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(sample)
        .filter(([key]) => key.startsWith(COLD))
        .map(([key, value]) => [key.slice(COLD.length), value]),
    )
  const cold = { ...result, samples: result.samples.map(pick), median: pick(result.median) }
  if (result.status === 'ok' && Object.keys(cold.median).length === 0) {
    return { ...cold, status: 'missing', detail: `no cold window (${why}; reported warm only)` }
  }
  return cold
}

function warmOnly(result: CompetitorResult): CompetitorResult {
  const drop = (sample: Record<string, number>) =>
    Object.fromEntries(Object.entries(sample).filter(([key]) => !key.startsWith(COLD)))
  return { ...result, samples: result.samples.map(drop), median: drop(result.median) }
}

/** Sets each competitor's ratio: ours (the first) over theirs, on the first metric. */
function withRatios(bench: BenchResult): BenchResult {
  const key = bench.metrics[0]!.key
  const mine = bench.results[0]!.median[key]
  bench.results = bench.results.map((result, i) => {
    const theirs = result.median[key]
    const { ratio: _, ...rest } = result
    if (i === 0 || mine === undefined || theirs === undefined || theirs === 0) return rest
    return { ...rest, ratio: mine / theirs }
  })
  return bench
}

export const defaultLabel = (id: Competitor['id']): string => competitorLabels[id]
