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
}

export interface BenchResult {
  id: string
  caseId: string
  title: string
  variant: string
  metrics: Metric[]
  rounds: number
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
  durationSeconds: number
  machine: Machine
  benches: BenchResult[]
  targets: TargetResult[]
}
