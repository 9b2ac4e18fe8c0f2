// Labels a loaded pass's results and puts each ratio beside the idle pass's one, for the table and JSON.
import type { BenchResult } from './results.js'

export function asLoaded(loaded: BenchResult[], idle: BenchResult[], load: number): BenchResult[] {
  return loaded.map((bench) => {
    const before = idle.find((b) => b.id === bench.id)
    return {
      ...bench,
      id: `${bench.id}-loaded`,
      variant: `${bench.variant}, loaded (${load} CPU-bound processes)`,
      load,
      results: bench.results.map((result) => {
        const idleRatio = before?.results.find((r) => r.id === result.id)?.ratio
        return idleRatio === undefined ? result : { ...result, idleRatio }
      }),
    }
  })
}
