/**
 * The goals of issues #5, #12 and #17, checked against a run's medians and reported as met or not. They are never
 * assertions: a shared two-core machine is too noisy for a timing to fail a build.
 */
import type { CompetitorId } from './cases/types.js'
import type { BenchResult, TargetResult } from './results.js'

interface RatioTarget {
  bench: string
  against: CompetitorId
  atLeast: number
  what: string
}

const ratioTargets: RatioTarget[] = [
  // Issue #5, on the warm windows.
  { bench: 'push-pull-tcp-16B-warm', against: 'zeromqjs', atLeast: 2, what: 'msg/s' },
  { bench: 'push-pull-tcp-16B-warm', against: 'pyzmq', atLeast: 0, what: 'msg/s (reported only)' },
  { bench: 'push-pull-tcp-64KiB-warm', against: 'zeromqjs', atLeast: 1, what: 'MB/s' },
  { bench: 'push-pull-tcp-1MiB-warm', against: 'zeromqjs', atLeast: 1, what: 'MB/s' },
  { bench: 'push-pull-tcp-1MiB-warm', against: 'net', atLeast: 0.9, what: 'MB/s' },
  { bench: 'req-rep-tcp-16B-warm', against: 'zeromqjs', atLeast: 2, what: 'round trips/s' },
  { bench: 'push-pull-ws-1KiB-warm', against: 'ws', atLeast: 0.9, what: 'MB/s' },
  // Issue #17: cold (the first messages of fresh processes) and warm, beside plain `net`.
  { bench: 'req-rep-tcp-16B-cold', against: 'zeromqjs', atLeast: 1.5, what: 'round trips/s' },
  { bench: 'push-pull-tcp-64KiB-cold', against: 'zeromqjs', atLeast: 1, what: 'msg/s' },
  { bench: 'req-rep-tcp-16B-warm', against: 'net', atLeast: 0.9, what: 'round trips/s' },
  { bench: 'req-rep-tcp-16B-warm', against: 'zeromqjs', atLeast: 2.5, what: 'round trips/s' },
  { bench: 'push-pull-tcp-64KiB-warm', against: 'net', atLeast: 0.9, what: 'MB/s' },
  { bench: 'push-pull-tcp-16B-warm', against: 'net', atLeast: 0, what: 'msg/s (reported only)' },
  // Issue #12: over WebRTC, at least 90 % of raw node-datachannel moving the same messages.
  { bench: 'push-pull-webrtc-16B-warm', against: 'rtc', atLeast: 0.9, what: 'msg/s' },
  { bench: 'push-pull-webrtc-16B-cold', against: 'rtc', atLeast: 0, what: 'msg/s (reported only)' },
  { bench: 'push-pull-webrtc-64KiB', against: 'rtc', atLeast: 0.9, what: 'MB/s' },
  { bench: 'req-rep-webrtc-16B-warm', against: 'rtc', atLeast: 0.9, what: 'round trips/s' },
  { bench: 'req-rep-webrtc-16B-cold', against: 'rtc', atLeast: 0, what: 'round trips/s (reported only)' },
  { bench: 'curve-push-pull-tcp-1KiB', against: 'zeromqjs', atLeast: 0, what: 'MB/s (reported only)' },
  { bench: 'curve-push-pull-tcp-64KiB', against: 'zeromqjs', atLeast: 0, what: 'MB/s (reported only)' },
  { bench: 'curve-req-rep-tcp-16B', against: 'zeromqjs', atLeast: 0, what: 'round trips/s (reported only)' },
]

/** Per-connection memory limit, KiB. */
const IDLE_LIMIT_KIB = 20
/**
 * "Flat": growth of the memory the sender retains (JS heap plus external, after GC) from a tenth of the
 * way in to the end, below this, in MiB, while some 60 MiB of payload is refused. The resident set is
 * shown too, but it also moves with V8's own young-generation sizing under a high allocation rate.
 */
const FLAT_LIMIT_MIB = 1

const fmt = (value: number, digits = 2) => value.toFixed(digits)

export function evaluateTargets(benches: BenchResult[]): TargetResult[] {
  const find = (id: string) => benches.find((b) => b.id === id)
  const out: TargetResult[] = []
  for (const t of ratioTargets) {
    const bench = find(t.bench)
    if (!bench) continue
    const result = bench.results.find((r) => r.id === t.against)
    const reportOnly = t.atLeast === 0
    const description = reportOnly
      ? `${bench.title} ${bench.variant}: ours ÷ ${result?.label ?? t.against}, ${t.what}`
      : `${bench.title} ${bench.variant}: ours ≥ ${t.atLeast}× ${result?.label ?? t.against} (${t.what})`
    if (result?.ratio === undefined) {
      out.push({ description, measured: result ? `n/a (${result.status})` : 'n/a', met: null })
      continue
    }
    out.push({
      description,
      measured: `${fmt(result.ratio)}×`,
      met: reportOnly ? null : result.ratio >= t.atLeast,
    })
  }
  out.push(...loadedTargets(benches))
  const idle = find('idle-connections')?.results.find((r) => r.id === 'zmtp')
  if (idle?.median.kibPerConnection !== undefined) {
    const value = idle.median.kibPerConnection
    out.push({
      description: `Idle connections: ours < ${IDLE_LIMIT_KIB} KiB per connection`,
      measured: `${fmt(value, 1)} KiB`,
      met: value < IDLE_LIMIT_KIB,
    })
  }
  const stalled = find('stalled-pull')?.results.find((r) => r.id === 'zmtp')
  if (stalled?.median.heapGrowthMib !== undefined) {
    const value = stalled.median.heapGrowthMib
    out.push({
      description: `Stalled Pull: ours flat after the HWM fills (retained heap growth < ${FLAT_LIMIT_MIB} MiB)`,
      measured: `${fmt(value, 1)} MiB (RSS ${fmt(stalled.median.growthAfterFullMib ?? Number.NaN, 1)} MiB)`,
      met: value < FLAT_LIMIT_MIB,
    })
  }
  return out
}

/** Issue #17: under load, every ratio (rates only) keeps at least this share of its idle value. */
const LOADED_SHARE = 0.8

function loadedTargets(benches: BenchResult[]): TargetResult[] {
  const out: TargetResult[] = []
  for (const bench of benches) {
    if (bench.load === undefined || bench.metrics[0]!.better !== 'higher') continue
    for (const result of bench.results) {
      if (result.ratio === undefined || result.idleRatio === undefined) continue
      const share = result.ratio / result.idleRatio
      out.push({
        description: `${bench.title} ${bench.variant}: ours ÷ ${result.label} ≥ ${LOADED_SHARE * 100} % of idle`,
        measured: `${fmt(result.ratio)}× against ${fmt(result.idleRatio)}× idle (${fmt(share * 100, 0)} %)`,
        met: share >= LOADED_SHARE,
      })
    }
  }
  return out
}
