// Push to Pull and Request/Reply over tcp under CURVE, against zeromq.js with CURVE (libzmq + libsodium).
import { curveKeyPair } from '@zmtp/patterns'
import type { CurveKeys } from '../peers/curve.js'
import { peers } from './peers.js'
import { roundTripMetrics, roundTrips } from './req-rep-tcp.js'
import { sizeLabel, throughput, throughputMetrics } from './throughput.js'
import type { Bench, Case, Mode } from './types.js'

/** Messages per run: fewer than in the clear, since every frame is sealed and opened. */
const counts: [size: number, full: number, quick: number][] = [
  [1024, 200_000, 20_000],
  [64 * 1024, 5_000, 500],
]

/** Fresh key pairs for one run; both implementations read the same Z85 strings. */
function keys(): CurveKeys {
  const server = curveKeyPair()
  const client = curveKeyPair()
  return {
    serverPublicKey: server.publicKey,
    serverSecretKey: server.secretKey,
    clientPublicKey: client.publicKey,
    clientSecretKey: client.secretKey,
  }
}

export const curveTcp: Case = {
  id: 'curve-tcp',
  title: 'CURVE over tcp',
  description:
    'Push to Pull and Request/Reply between two processes over 127.0.0.1, the binding side the CURVE server; every frame encrypted.',
  benches(mode: Mode): Bench[] {
    const curve = keys()
    const pushPull = counts.map(([size, full, quick]): Bench => {
      const s = {
        bind: 'tcp://127.0.0.1:*',
        size,
        count: mode.quick ? quick : full,
        timeoutMs: 120_000,
        curve,
      }
      return {
        id: `curve-push-pull-tcp-${sizeLabel(size).replace(' ', '')}`,
        caseId: this.id,
        title: 'Push to Pull over tcp, CURVE',
        variant: sizeLabel(size),
        metrics: throughputMetrics,
        competitors: [
          { id: 'zmtp', run: throughput(peers.zmtp, peers.zmtp, s) },
          { id: 'zeromqjs', requires: 'zeromqjs', run: throughput(peers.zeromqjs, peers.zeromqjs, s) },
        ],
      }
    })
    const count = mode.quick ? 2_000 : 10_000
    const reqRep: Bench = {
      id: 'curve-req-rep-tcp-16B',
      caseId: this.id,
      title: 'Request/Reply over tcp, CURVE',
      variant: '16 B',
      metrics: roundTripMetrics,
      competitors: [
        { id: 'zmtp', run: roundTrips(peers.zmtp, peers.zmtp, count, curve) },
        {
          id: 'zeromqjs',
          requires: 'zeromqjs',
          run: roundTrips(peers.zeromqjs, peers.zeromqjs, count, curve),
        },
      ],
    }
    return [...pushPull, reqRep]
  },
}
