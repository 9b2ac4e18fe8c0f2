// The cases the cross-check compares, with the suite's warm-up and counts so that both time the same window.
import { pushPullCounts } from '../cases/push-pull-tcp.js'
import { reqRepCount, reqRepWindows } from '../cases/req-rep-tcp.js'
import type { CompetitorId, Mode } from '../cases/types.js'

export interface CrossCheck {
  /** The suite's bench (its -warm result is compared). */
  bench: string
  /** The suite's metric that the plain programs' events/s correspond to. */
  metric: string
  libs: CompetitorId[]
  server: 'rep' | 'pull'
  client: 'req' | 'push'
  /** size, warmup, count for the timing side. */
  settings: string[]
}

const libs: CompetitorId[] = ['zmtp', 'zeromqjs', 'net']

export function crossChecks(mode: Mode): CrossCheck[] {
  const pushPull = (size: number, bench: string): CrossCheck => {
    const [, , warmup, full, quick] = pushPullCounts.find(([s]) => s === size)!
    // The suite's warm window: every message after the first and the warm-up.
    const count = (mode.quick ? quick : full) - 1 - warmup
    return {
      bench,
      metric: 'msgPerSec',
      libs,
      server: 'pull',
      client: 'push',
      settings: [`${size}`, `${warmup}`, `${count}`],
    }
  }
  return [
    {
      bench: 'req-rep-tcp-16B',
      metric: 'roundTripsPerSec',
      libs,
      server: 'rep',
      client: 'req',
      settings: ['16', `${reqRepWindows.warmup}`, `${reqRepCount(mode)}`],
    },
    pushPull(16, 'push-pull-tcp-16B'),
    pushPull(64 * 1024, 'push-pull-tcp-64KiB'),
  ]
}
