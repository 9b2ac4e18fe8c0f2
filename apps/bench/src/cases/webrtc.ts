// Push/Pull and Request/Reply over webrtc:// between two Node processes, beside raw node-datachannel.
import { startSignalingServer } from '@zmtp/webrtc-signal'
import { withWorkers } from '../child.js'
import { perSecond } from '../stats.js'
import { peers, type StartPeer } from './peers.js'
import { COLD, phaseLabels } from './phases.js'
import { reqRepCount, reqRepWindows, roundTripMetrics } from './req-rep-tcp.js'
import { sizeLabel, throughputMetrics } from './throughput.js'
import type { Bench, Case, Mode } from './types.js'

/** Runs `body` with a signaling server (tcp://127.0.0.1) in the runner's process; only set-up goes through it. */
async function withSignaling<T>(body: (signal: string) => Promise<T>): Promise<T> {
  const server = await startSignalingServer({ bind: ['tcp://127.0.0.1:*'] })
  try {
    return await body(server.endpoints[0]!)
  } finally {
    server.close()
  }
}

/** Roles of the raw worker's bytes-only variant (the channel's ceiling), instead of pull-thr/push-thr. */
const bytesOnly = { pull: 'pull-bytes', push: 'push-bytes' }

function throughput(
  peer: StartPeer,
  size: number,
  count: number,
  roles = { pull: 'pull-thr', push: 'push-thr' },
) {
  return () =>
    withSignaling((signal) =>
      withWorkers(async (start) => {
        const pull = start(peer({ role: roles.pull, bind: 'webrtc://*', count, size, signal }))
        const { endpoint } = await pull.next('ready', 20_000)
        start(peer({ role: roles.push, connect: String(endpoint), count, size, signal }))
        const result = await pull.next('result', 180_000)
        const elapsedNs = Number(result.elapsedNs)
        return {
          msgPerSec: perSecond(Number(result.messages), elapsedNs),
          mbPerSec: perSecond(Number(result.bytes), elapsedNs) / 1e6,
        }
      }),
    )
}

/** Round trips in the same windows as over tcp: the first of fresh processes (cold), then warm ones. */
function roundTrips(peer: StartPeer, count: number) {
  return () =>
    withSignaling((signal) =>
      withWorkers(async (start) => {
        const rep = start(peer({ role: 'rep', bind: 'webrtc://*', signal }))
        const { endpoint } = await rep.next('ready', 20_000)
        const req = start(
          peer({ role: 'req-lat', connect: String(endpoint), count, ...reqRepWindows, size: 16, signal }),
        )
        const result = await req.next('result', 180_000)
        return {
          roundTripsPerSec: perSecond(Number(result.roundTrips), Number(result.elapsedNs)),
          p50Us: Number(result.p50Ns) / 1000,
          p99Us: Number(result.p99Ns) / 1000,
          [`${COLD}roundTripsPerSec`]: perSecond(Number(result.coldRoundTrips), Number(result.coldElapsedNs)),
        }
      }),
    )
}

export const pushPullWebRtc: Case = {
  id: 'push-pull-webrtc',
  title: 'Push to Pull over webrtc',
  description:
    'Sender and receiver in two processes over one WebRTC data channel (node-datachannel, 127.0.0.1), set up through the reference signaling server. Raw node-datachannel sends the same messages one by one, each with a 4-octet length prefix, packed into 16 KiB data-channel messages under the same 1 MiB bufferedAmount cap, and the receiver parses them back one by one (as the raw net baseline does over TCP). The bytes-only row moves the payload octets alone, in 16 KiB messages cut from one prepared buffer with no message boundaries: the ceiling of the channel, reported for reference.',
  benches(mode: Mode): Bench[] {
    return [
      { size: 16, count: mode.quick ? 100_000 : 1_000_000 },
      { size: 64 * 1024, count: mode.quick ? 500 : 4_000 },
    ].map(({ size, count }) => ({
      id: `push-pull-webrtc-${sizeLabel(size).replace(' ', '')}`,
      caseId: this.id,
      title: this.title,
      variant: sizeLabel(size),
      metrics: throughputMetrics,
      competitors: [
        { id: 'zmtp', run: throughput(peers.zmtp, size, count) },
        { id: 'rtc', run: throughput(peers.rtc, size, count) },
        { id: 'rtcBytes', run: throughput(peers.rtc, size, count, bytesOnly) },
      ],
    }))
  },
}

export const reqRepWebRtc: Case = {
  id: 'req-rep-webrtc',
  title: 'Request/Reply over webrtc',
  description:
    'Requester and replier in two processes over a WebRTC data channel; 16 B requests echoed back, each round trip timed, in the same cold and warm windows as over tcp. Raw node-datachannel echoes one 16 B message per round trip.',
  benches(mode: Mode): Bench[] {
    const count = reqRepCount(mode)
    return [
      {
        id: 'req-rep-webrtc-16B',
        caseId: this.id,
        title: this.title,
        variant: '16 B',
        metrics: roundTripMetrics,
        phases: phaseLabels(reqRepWindows.cold, reqRepWindows.warmup, count, 'round trips'),
        competitors: [
          { id: 'zmtp', run: roundTrips(peers.zmtp, count) },
          { id: 'rtc', run: roundTrips(peers.rtc, count) },
        ],
      },
    ]
  },
}
