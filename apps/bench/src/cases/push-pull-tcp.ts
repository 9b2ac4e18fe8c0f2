// Push to Pull over TCP at four message sizes, against zeromq.js, libzmq (pyzmq) and raw net.
import { peers } from './peers.js'
import { phaseLabels } from './phases.js'
import { sizeLabel, throughput, throughputMetrics } from './throughput.js'
import type { Bench, Case, Mode } from './types.js'

/**
 * Per size: the cold window (the first messages of fresh processes; 8,000 at 64 KiB as issue #17 states),
 * the messages before the warm window starts, and the messages per run, full and quick.
 */
export const pushPullCounts: [size: number, cold: number, warmup: number, full: number, quick: number][] = [
  [16, 100_000, 200_000, 1_200_000, 250_000],
  [1024, 20_000, 40_000, 400_000, 60_000],
  [64 * 1024, 8_000, 10_000, 30_000, 12_000],
  [1024 * 1024, 300, 500, 1_500, 700],
]

export const pushPullTcp: Case = {
  id: 'push-pull-tcp',
  title: 'Push to Pull over tcp',
  description:
    'Sender and receiver in two processes over 127.0.0.1; the receiver times from its first message to its last.',
  benches(mode: Mode): Bench[] {
    return pushPullCounts.map(([size, cold, warmup, full, quick]) => {
      const count = mode.quick ? quick : full
      const s = { bind: 'tcp://127.0.0.1:*', size, count, cold, warmup, timeoutMs: 120_000 }
      return {
        id: `push-pull-tcp-${sizeLabel(size).replace(' ', '')}`,
        caseId: this.id,
        title: this.title,
        variant: sizeLabel(size),
        metrics: throughputMetrics,
        phases: phaseLabels(cold, warmup, count - 1 - warmup, 'messages'),
        competitors: [
          { id: 'zmtp', run: throughput(peers.zmtp, peers.zmtp, s) },
          { id: 'zeromqjs', requires: 'zeromqjs', run: throughput(peers.zeromqjs, peers.zeromqjs, s) },
          {
            id: 'pyzmq',
            requires: 'pyzmq',
            run: throughput(peers.pyzmqThroughput, peers.pyzmqThroughput, s),
          },
          { id: 'net', run: throughput(peers.net, peers.net, s) },
        ],
      }
    })
  },
}
