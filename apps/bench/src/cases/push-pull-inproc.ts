// Push to Pull over inproc: both sockets in one process, so this is the cost of the socket machinery alone.
import { withWorkers } from '../child.js'
import { perSecond } from '../stats.js'
import { peers, type StartPeer } from './peers.js'
import { throughputMetrics } from './throughput.js'
import type { Bench, Case, Mode } from './types.js'

function inproc(peer: StartPeer, count: number) {
  return () =>
    withWorkers(async (start) => {
      const worker = start(peer({ role: 'inproc-thr', bind: 'inproc://bench', count, size: 16 }))
      const result = await worker.next('result', 120_000)
      const elapsedNs = Number(result.elapsedNs)
      return {
        msgPerSec: perSecond(Number(result.messages), elapsedNs),
        mbPerSec: perSecond(Number(result.bytes), elapsedNs) / 1e6,
      }
    })
}

export const pushPullInproc: Case = {
  id: 'push-pull-inproc',
  title: 'Push to Pull over inproc',
  description: '16 B messages between two sockets of one process (in a worker process of its own).',
  benches(mode: Mode): Bench[] {
    const count = mode.quick ? 100_000 : 300_000
    return [
      {
        id: 'push-pull-inproc-16B',
        caseId: this.id,
        title: this.title,
        variant: '16 B',
        metrics: throughputMetrics,
        competitors: [
          { id: 'zmtp', run: inproc(peers.zmtp, count) },
          { id: 'zeromqjs', requires: 'zeromqjs', run: inproc(peers.zeromqjs, count) },
        ],
      },
    ]
  },
}
