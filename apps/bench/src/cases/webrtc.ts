// Push/Pull and Request/Reply over webrtc:// between two Node processes, beside raw node-datachannel.
import { startSignalingServer } from '@zmtp/webrtc-signal'
import { withWorkers } from '../child.js'
import { perSecond } from '../stats.js'
import { peers, type StartPeer } from './peers.js'
import { COLD, phaseLabels } from './phases.js'
import { reqRepCount, reqRepWindows, roundTripMetrics } from './req-rep-tcp.js'
import { sizeLabel, type ThroughputSettings, throughput, throughputMetrics } from './throughput.js'
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

/**
 * The channel's ceiling: the raw worker's bytes-only roles move the payload octets alone, timed from the
 * first data-channel message (no message boundaries, so no windows).
 */
function bytesOnly(size: number, count: number) {
  return () =>
    withSignaling((signal) =>
      withWorkers(async (start) => {
        const pull = start(peers.rtc({ role: 'pull-bytes', bind: 'webrtc://*', count, size, signal }))
        const { endpoint } = await pull.next('ready', 20_000)
        start(peers.rtc({ role: 'push-bytes', connect: String(endpoint), count, size, signal }))
        const result = await pull.next('result', 180_000)
        const elapsedNs = Number(result.elapsedNs)
        return {
          msgPerSec: perSecond(Number(result.messages), elapsedNs),
          mbPerSec: perSecond(Number(result.bytes), elapsedNs) / 1e6,
        }
      }),
    )
}

/** Messages through the shared Push/Pull shape (throughput.ts), with a signaling server for the run. */
function messages(peer: StartPeer, s: Omit<ThroughputSettings, 'bind' | 'peerSettings'>) {
  return () =>
    withSignaling((signal) =>
      throughput(peer, peer, { ...s, bind: 'webrtc://*', peerSettings: { signal } })(),
    )
}

/**
 * Per size: the cold and warm windows as over tcp (push-pull-tcp.ts), where the channel allows them. At
 * 64 KiB the channel itself is the limit (the bytes-only row), so one window from the first message.
 */
const webRtcCounts: { size: number; full: number; quick: number; cold?: number; warmup?: number }[] = [
  { size: 16, cold: 100_000, warmup: 200_000, full: 1_200_000, quick: 250_000 },
  { size: 64 * 1024, full: 4_000, quick: 500 },
]

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
    'Sender and receiver in two processes over one WebRTC data channel (node-datachannel, 127.0.0.1), set up through the reference signaling server. Raw node-datachannel sends the same messages one by one, each with a 4-octet length prefix, packed into 16 KiB data-channel messages under the same 1 MiB bufferedAmount cap, and the receiver parses them back one by one (as the raw net baseline does over TCP). 16 B messages are timed in the same cold and warm windows as over tcp; 64 KiB ones from the first message, since the channel is their limit. The bytes-only row moves the payload octets alone, in 16 KiB messages cut from one prepared buffer with no message boundaries, timed from the first: the ceiling of the channel, reported for reference.',
  benches(mode: Mode): Bench[] {
    return webRtcCounts.map(({ size, full, quick, cold, warmup }) => {
      const count = mode.quick ? quick : full
      const s = { size, count, cold, warmup, timeoutMs: 180_000 }
      return {
        id: `push-pull-webrtc-${sizeLabel(size).replace(' ', '')}`,
        caseId: this.id,
        title: this.title,
        variant: sizeLabel(size),
        metrics: throughputMetrics,
        ...(cold !== undefined && warmup !== undefined
          ? { phases: phaseLabels(cold, warmup, count - 1 - warmup, 'messages') }
          : {}),
        competitors: [
          { id: 'zmtp', run: messages(peers.zmtp, s) },
          { id: 'rtc', run: messages(peers.rtc, s) },
          {
            id: 'rtcBytes',
            run: bytesOnly(size, count),
            noColdWindow: 'octets without message boundaries, timed from the first',
          },
        ],
      }
    })
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
