/**
 * The requesting side's timing, shared by every Request/Reply worker so that each times the same windows
 * in the same way: the first `cold` round trips of these fresh processes as one block, untimed ones up to
 * `warmup`, then `count` round trips each timed on its own (for p50 and p99) and as a whole.
 */
import { now } from './worker-io.js'

/** Runs the windows with `roundTrip` (one request out, its reply in) and returns the result line's figures. */
export async function timeRoundTrips(
  roundTrip: () => Promise<unknown>,
  s: { cold?: number; warmup?: number; count?: number },
) {
  const cold = s.cold ?? 0
  const coldStart = now()
  for (let i = 0; i < cold; i++) await roundTrip()
  const coldElapsedNs = Number(now() - coldStart)
  for (let i = cold; i < (s.warmup ?? 0); i++) await roundTrip()
  const count = s.count!
  const samples = new Float64Array(count)
  const start = now()
  for (let i = 0; i < count; i++) {
    const sent = now()
    await roundTrip()
    samples[i] = Number(now() - sent)
  }
  const elapsedNs = Number(now() - start)
  samples.sort()
  return {
    roundTrips: count,
    elapsedNs,
    p50Ns: samples[Math.floor(count * 0.5)],
    p99Ns: samples[Math.min(count - 1, Math.floor(count * 0.99))],
    ...(cold > 0 ? { coldRoundTrips: cold, coldElapsedNs } : {}),
  }
}
