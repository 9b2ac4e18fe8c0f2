/**
 * Runs each bench's competitors in turn, several rounds, reversing the order every other round so that
 * no competitor always runs first (a warm page cache, a quieter neighbour), then takes medians and the
 * ratio of ours to each of the others. Nothing here asserts on timings.
 */
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

export async function runBench(bench: Bench, options: RunOptions): Promise<BenchResult> {
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
  const key = bench.metrics[0]!.key
  const ours = entries[0]!.result
  for (const { result } of entries) {
    if (result.status === 'ok' && result.samples.length > 0) result.median = medians(result.samples)
  }
  for (const { result } of entries.slice(1)) {
    const theirs = result.median[key]
    const mine = ours.median[key]
    if (mine !== undefined && theirs !== undefined && theirs !== 0) result.ratio = mine / theirs
  }
  return {
    id: bench.id,
    caseId: bench.caseId,
    title: bench.title,
    variant: bench.variant,
    metrics: bench.metrics,
    rounds,
    results: entries.map((e) => e.result),
  }
}

export const defaultLabel = (id: Competitor['id']): string => competitorLabels[id]
