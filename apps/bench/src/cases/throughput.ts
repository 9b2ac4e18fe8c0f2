// The shape shared by the Push to Pull cases: a receiving process that binds and times, a sending one.
import { withWorkers } from '../child.js'
import type { CurveKeys } from '../peers/curve.js'
import { perSecond } from '../stats.js'
import type { StartPeer } from './peers.js'
import { COLD } from './phases.js'
import type { Metric } from './types.js'

export const throughputMetrics: Metric[] = [
  { key: 'msgPerSec', label: 'msg/s', better: 'higher' },
  { key: 'mbPerSec', label: 'MB/s', better: 'higher', digits: 1 },
]

export interface ThroughputSettings {
  bind: string
  count: number
  size: number
  timeoutMs: number
  /** Time the first `cold` messages too, and the warm window only after `warmup` messages (see phases.ts). */
  cold?: number
  warmup?: number
  /** Run under CURVE with these keys. */
  curve?: CurveKeys
  /** Given to both workers as they are (the webrtc cases' signaling endpoint). */
  peerSettings?: Record<string, string>
}

/** One measurement: receiver up first, then the sender; the receiver's clock decides. */
export function throughput(receiver: StartPeer, sender: StartPeer, s: ThroughputSettings) {
  return () =>
    withWorkers(async (start) => {
      const curve = { ...(s.curve === undefined ? {} : { curve: s.curve }), ...s.peerSettings }
      // With windows, the sender sends a quarter more than the receiver times, which it reads untimed, so
      // that the timed window never ends on the receiver draining a backlog alone.
      const tail = s.cold === undefined ? 0 : Math.ceil(s.count / 4)
      const windows = s.cold === undefined ? {} : { cold: s.cold, warmup: s.warmup, tail }
      const pull = start(
        receiver({ role: 'pull-thr', bind: s.bind, count: s.count, size: s.size, ...windows, ...curve }),
      )
      const { endpoint } = await pull.next('ready', 20_000)
      start(
        sender({
          role: 'push-thr',
          connect: String(endpoint),
          count: s.count + tail,
          size: s.size,
          ...curve,
        }),
      )
      const result = await pull.next('result', s.timeoutMs)
      const elapsedNs = Number(result.elapsedNs)
      const sample: Record<string, number> = {
        msgPerSec: perSecond(Number(result.messages), elapsedNs),
        mbPerSec: perSecond(Number(result.bytes), elapsedNs) / 1e6,
      }
      if (result.coldElapsedNs !== undefined) {
        const coldNs = Number(result.coldElapsedNs)
        sample[`${COLD}msgPerSec`] = perSecond(Number(result.coldMessages), coldNs)
        sample[`${COLD}mbPerSec`] = perSecond(Number(result.coldBytes), coldNs) / 1e6
      }
      return sample
    })
}

export function sizeLabel(size: number): string {
  if (size >= 1024 * 1024) return `${size / (1024 * 1024)} MiB`
  if (size >= 1024) return `${size / 1024} KiB`
  return `${size} B`
}
