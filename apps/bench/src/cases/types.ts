import type { Requirement } from '../requirements.js'

/** What a case measures, in the order the table shows; the first metric is the one ratios compare. */
export interface Metric {
  key: string
  label: string
  better: 'higher' | 'lower'
  /** Digits after the point in the table. */
  digits?: number
}

export type CompetitorId = 'zmtp' | 'zeromqjs' | 'pyzmq' | 'net' | 'ws' | 'rtc' | 'rtcBytes' | 'rabbitmq'

export interface Competitor {
  id: CompetitorId
  /** Missing prerequisites turn the competitor's row into "missing" (or fail under CI). */
  requires?: Requirement
  /** One measurement: fresh processes, fresh sockets. */
  run(): Promise<Record<string, number>>
  /** In a bench with cold and warm windows, why this one reports no cold window (libzmq: no JIT to warm). */
  noColdWindow?: string
}

/** One row group of the table: a case at one setting (a message size, a subscriber count...). */
export interface Bench {
  id: string
  caseId: string
  title: string
  variant: string
  metrics: Metric[]
  /** zmtp first; the rest are compared with it. */
  competitors: Competitor[]
  /**
   * When set, every run also reports the bench's metrics over a cold window (keys prefixed `cold:`), and
   * the runner reports the bench as two: `<id>-cold` and `<id>-warm`, with these descriptions.
   */
  phases?: { cold: string; warm: string }
  /** Rounds for this bench when the case needs fewer than the default (slow memory cases). */
  rounds?: number
}

export interface Mode {
  quick: boolean
  rounds: number
}

export interface Case {
  id: string
  title: string
  /** What the case measures and how, for --list and the README. */
  description: string
  benches(mode: Mode): Bench[]
}

export const competitorLabels: Record<CompetitorId, string> = {
  zmtp: 'zmtp (ours)',
  zeromqjs: 'zeromq.js',
  pyzmq: 'libzmq (pyzmq)',
  net: 'raw net',
  ws: 'raw ws',
  rtc: 'raw node-datachannel',
  rtcBytes: 'node-datachannel, bytes only',
  rabbitmq: 'RabbitMQ',
}
