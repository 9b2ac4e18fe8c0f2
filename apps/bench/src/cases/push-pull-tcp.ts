// Push to Pull over TCP at four message sizes, against zeromq.js, libzmq (pyzmq) and raw net.
import { peers } from './peers.js'
import { sizeLabel, throughput, throughputMetrics } from './throughput.js'
import type { Bench, Case, Mode } from './types.js'

/** Messages per run: enough for about a second at the faster competitors' rates on a small machine. */
const counts: [size: number, full: number, quick: number][] = [
  [16, 1_000_000, 100_000],
  [1024, 400_000, 40_000],
  [64 * 1024, 20_000, 2_000],
  [1024 * 1024, 1_500, 150],
]

export const pushPullTcp: Case = {
  id: 'push-pull-tcp',
  title: 'Push to Pull over tcp',
  description:
    'Sender and receiver in two processes over 127.0.0.1; the receiver times from its first message to its last.',
  benches(mode: Mode): Bench[] {
    return counts.map(([size, full, quick]) => {
      const s = { bind: 'tcp://127.0.0.1:*', size, count: mode.quick ? quick : full, timeoutMs: 120_000 }
      return {
        id: `push-pull-tcp-${sizeLabel(size).replace(' ', '')}`,
        caseId: this.id,
        title: this.title,
        variant: sizeLabel(size),
        metrics: throughputMetrics,
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
