/** Push to Pull over WebSocket, 1 KiB: @zmtp/transport-ws beside zeromq.js's ws and raw `ws` messages. */
import { peers } from './peers.js'
import { phaseLabels } from './phases.js'
import { throughput, throughputMetrics } from './throughput.js'
import type { Bench, Case, Mode } from './types.js'

export const pushPullWs: Case = {
  id: 'push-pull-ws',
  title: 'Push to Pull over ws',
  description:
    'Sender and receiver in two processes over ws://127.0.0.1; raw ws sends one binary message each.',
  benches(mode: Mode): Bench[] {
    // Cold: the first 20,000 messages of fresh processes; warm: after 40,000, as for 1 KiB over tcp.
    const count = mode.quick ? 60_000 : 240_000
    const s = {
      bind: 'ws://127.0.0.1:*/bench',
      size: 1024,
      count,
      cold: 20_000,
      warmup: 40_000,
      timeoutMs: 120_000,
    }
    return [
      {
        id: 'push-pull-ws-1KiB',
        caseId: this.id,
        title: this.title,
        variant: '1 KiB',
        metrics: throughputMetrics,
        phases: phaseLabels(s.cold, s.warmup, count - 1 - s.warmup, 'messages'),
        competitors: [
          { id: 'zmtp', run: throughput(peers.zmtp, peers.zmtp, s) },
          { id: 'zeromqjs', requires: 'zeromqjs', run: throughput(peers.zeromqjs, peers.zeromqjs, s) },
          { id: 'ws', requires: 'ws', run: throughput(peers.ws, peers.ws, s) },
        ],
      },
    ]
  },
}
