import type { Attack, AttackStats } from './attack.js'
import { ROUND_TRIP_BOUND_MS } from './bounds.js'
import { GoodPeer, type GoodPeerSummary } from './good-peer.js'
import { Target, type TargetKind } from './target.js'

/** The outcome of one attack on one server. */
export interface AttackResult {
  attack: string
  target: TargetKind
  /** Whether the server process was still running at the end. */
  alive: boolean
  exit?: string
  baselineRssMib: number
  peakRssMib: number
  /** Peak JS heap plus array buffers (our server only). */
  peakHeapMib: number
  good: GoodPeerSummary
  stats: AttackStats
  seconds: number
}

/** Starts `kind`'s echo server and a good peer, runs the attack, and stops both. */
export async function runAttack(attack: Attack, kind: TargetKind): Promise<AttackResult> {
  const started = Date.now()
  const target = await Target.start(kind, attack.targetOptions)
  try {
    const framing = attack.goodPeerOn ?? 'tcp'
    const peer = await GoodPeer.start(framing === 'tcp' ? target.tcp : target.ws, ROUND_TRIP_BOUND_MS)
    let stats: AttackStats | undefined
    let failure: unknown
    try {
      stats = await attack.run(target)
    } catch (error) {
      failure = error
    }
    // Stop the peer whatever happened, so no process is left behind.
    const good = await peer.stop(ROUND_TRIP_BOUND_MS)
    if (stats === undefined) throw failure
    return {
      attack: attack.name,
      target: kind,
      alive: target.alive,
      exit: target.exit,
      baselineRssMib: target.baselineRssMib,
      peakRssMib: target.peakRssMib,
      peakHeapMib: target.peakHeapMib,
      good,
      stats,
      seconds: (Date.now() - started) / 1000,
    }
  } finally {
    await target.stop()
  }
}
