// Request/Reply round trips over TCP: one request in flight at a time, so this is latency-bound.
import { withWorkers } from '../child.js'
import type { CurveKeys } from '../peers/curve.js'
import { perSecond } from '../stats.js'
import { peers, type StartPeer } from './peers.js'
import { COLD, phaseLabels } from './phases.js'
import type { Bench, Case, Mode } from './types.js'

/** Round trips between a replier that binds and a requester; under CURVE when `curve` is given. */
export function roundTrips(
  replier: StartPeer,
  requester: StartPeer,
  count: number,
  curve?: CurveKeys,
  windows: { cold: number; warmup: number } = { cold: 0, warmup: 200 },
) {
  const security = curve === undefined ? {} : { curve }
  const phases = windows.cold > 0 ? windows : { warmup: windows.warmup }
  return () =>
    withWorkers(async (start) => {
      const rep = start(replier({ role: 'rep', bind: 'tcp://127.0.0.1:*', ...security }))
      const { endpoint } = await rep.next('ready', 20_000)
      const req = start(
        requester({ role: 'req-lat', connect: String(endpoint), count, size: 16, ...phases, ...security }),
      )
      const result = await req.next('result', 120_000)
      const sample: Record<string, number> = {
        roundTripsPerSec: perSecond(Number(result.roundTrips), Number(result.elapsedNs)),
        p50Us: Number(result.p50Ns) / 1000,
        p99Us: Number(result.p99Ns) / 1000,
      }
      if (result.coldElapsedNs !== undefined)
        sample[`${COLD}roundTripsPerSec`] = perSecond(
          Number(result.coldRoundTrips),
          Number(result.coldElapsedNs),
        )
      return sample
    })
}

export const roundTripMetrics = [
  { key: 'roundTripsPerSec', label: 'round trips/s', better: 'higher' as const },
  { key: 'p50Us', label: 'p50 µs', better: 'lower' as const, digits: 1 },
  { key: 'p99Us', label: 'p99 µs', better: 'lower' as const, digits: 1 },
]

/** Issue #17: cold is the first 4,000 round trips of fresh processes; warm starts after 10,000. */
export const reqRepWindows = { cold: 4_000, warmup: 10_000 }
export const reqRepCount = (mode: Mode) => (mode.quick ? 2_000 : 20_000)

export const reqRepTcp: Case = {
  id: 'req-rep-tcp',
  title: 'Request/Reply over tcp',
  description: 'Requester and replier in two processes; 16 B requests echoed back, each round trip timed.',
  benches(mode: Mode): Bench[] {
    const windows = reqRepWindows
    const count = reqRepCount(mode)
    const run = (peer: StartPeer) => roundTrips(peer, peer, count, undefined, windows)
    return [
      {
        id: 'req-rep-tcp-16B',
        caseId: this.id,
        title: this.title,
        variant: '16 B',
        metrics: roundTripMetrics,
        phases: phaseLabels(windows.cold, windows.warmup, count, 'round trips'),
        competitors: [
          { id: 'zmtp', run: run(peers.zmtp) },
          { id: 'zeromqjs', requires: 'zeromqjs', run: run(peers.zeromqjs) },
          { id: 'net', run: run(peers.net) },
          { id: 'pyzmq', requires: 'pyzmq', run: run(peers.pyzmqLatency) },
        ],
      },
    ]
  },
}
