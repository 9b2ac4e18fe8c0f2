import type { Target, TargetOptions } from './target.js'
import type { Framing } from './wire.js'

/** What an attack reports about itself, for the report. */
export interface AttackStats {
  connections: number
  /** Octets the attacker handed to its sockets. */
  bytesSent: number
}

/** One attack on an echo ROUTER. */
export interface Attack {
  /** Stable name, used in the report. */
  readonly name: string
  /** What it does, with its sizes. */
  readonly description: string
  /** The server's options (a ws `maxMessageSize`, say). */
  readonly targetOptions?: TargetOptions
  /** Where the good peer connects (default tcp). */
  readonly goodPeerOn?: Framing
  /** Runs the attack to its end (all written, or its time cap), then closes its connections. */
  run(target: Target): Promise<AttackStats>
}
