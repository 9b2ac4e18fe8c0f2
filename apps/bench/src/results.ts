// The shape of a run's results, as written to JSON and read back by the reports and the chart script.
import type { CompetitorId, Metric } from './cases/types.js'

export type Status = 'ok' | 'missing' | 'failed'

export interface CompetitorResult {
  id: CompetitorId
  label: string
  status: Status
  /** Why it is missing or what failed. */
  detail?: string
  samples: Record<string, number>[]
  median: Record<string, number>
  /** zmtp's median divided by this competitor's, on the bench's first metric (absent for zmtp). */
  ratio?: number
  /** In a loaded pass (`--load N`): the same ratio from the idle pass of the same run. */
  idleRatio?: number
}

export interface BenchResult {
  id: string
  caseId: string
  title: string
  variant: string
  metrics: Metric[]
  rounds: number
  /** CPU-bound processes that competed for the cores during this bench (`--load N`); absent when idle. */
  load?: number
  results: CompetitorResult[]
}

export interface TargetResult {
  description: string
  /** The measured ratio or value, as shown. */
  measured: string
  met: boolean | null
}

export interface Machine {
  cores: number
  cpu: string
  node: string
  os: string
  memoryGib: number
  peers: Record<string, string>
}

export interface RunResults {
  command: string
  date: string
  mode: 'full' | 'quick'
  rounds: number
  /** `--load N`: every bench ran idle, then again with N CPU-bound processes competing for the cores. */
  load: number
  durationSeconds: number
  machine: Machine
  benches: BenchResult[]
  targets: TargetResult[]
}
