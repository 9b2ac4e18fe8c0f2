// Request/Reply round trips over TCP: one request in flight at a time, so this is latency-bound.
import { withWorkers } from '../child.js'
import type { CurveKeys } from '../peers/curve.js'
import { perSecond } from '../stats.js'
import { peers, type StartPeer } from './peers.js'
import type { Bench, Case, Mode } from './types.js'

/** Round trips between a replier that binds and a requester; under CURVE when `curve` is given. */
export function roundTrips(replier: StartPeer, requester: StartPeer, count: number, curve?: CurveKeys) {
  const security = curve === undefined ? {} : { curve }
  return () =>
    withWorkers(async (start) => {
      const rep = start(replier({ role: 'rep', bind: 'tcp://127.0.0.1:*', ...security }))
      const { endpoint } = await rep.next('ready', 20_000)
      const req = start(
        requester({ role: 'req-lat', connect: String(endpoint), count, warmup: 200, size: 16, ...security }),
      )
      const result = await req.next('result', 120_000)
      return {
        roundTripsPerSec: perSecond(Number(result.roundTrips), Number(result.elapsedNs)),
        p50Us: Number(result.p50Ns) / 1000,
        p99Us: Number(result.p99Ns) / 1000,
      }
    })
}

export const roundTripMetrics = [
  { key: 'roundTripsPerSec', label: 'round trips/s', better: 'higher' as const },
  { key: 'p50Us', label: 'p50 µs', better: 'lower' as const, digits: 1 },
  { key: 'p99Us', label: 'p99 µs', better: 'lower' as const, digits: 1 },
]

export const reqRepTcp: Case = {
  id: 'req-rep-tcp',
  title: 'Request/Reply over tcp',
  description: 'Requester and replier in two processes; 16 B requests echoed back, each round trip timed.',
  benches(mode: Mode): Bench[] {
    const count = mode.quick ? 5_000 : 20_000
    return [
      {
        id: 'req-rep-tcp-16B',
        caseId: this.id,
        title: this.title,
        variant: '16 B',
        metrics: roundTripMetrics,
        competitors: [
          { id: 'zmtp', run: roundTrips(peers.zmtp, peers.zmtp, count) },
          { id: 'zeromqjs', requires: 'zeromqjs', run: roundTrips(peers.zeromqjs, peers.zeromqjs, count) },
          {
            id: 'pyzmq',
            requires: 'pyzmq',
            run: roundTrips(peers.pyzmqLatency, peers.pyzmqLatency, count),
          },
        ],
      },
    ]
  },
}
