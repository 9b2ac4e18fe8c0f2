/**
 * The receiving side's clock for callback-driven workers (raw `net`, raw `ws`): the same cold and warm
 * windows as the library roles in roles.ts. The first message starts the clock; message i after it counts
 * towards the cold window while i <= cold, and towards the warm window once i > warmup.
 */
import type { RoleSettings } from './roles.js'
import { now } from './worker-io.js'

export class WindowClock {
  readonly #count: number
  readonly #cold: number
  readonly #warmFrom: number
  readonly #total: number
  #received = 0
  #bytes = 0
  #coldBytes = 0
  #start = 0n
  #coldEnd = 0n
  #warmStart = 0n
  #end = 0n

  constructor(s: RoleSettings) {
    this.#count = s.count!
    this.#cold = s.cold ?? 0
    this.#warmFrom = s.warmup ?? 0
    this.#total = this.#count + (s.tail ?? 0)
  }

  /** Counts one message of `length` octets; true once the last one, untimed tail included, has arrived. */
  message(length: number): boolean {
    const i = this.#received++
    if (i >= this.#count) return this.#received === this.#total
    if (i === 0) {
      this.#start = now()
      this.#warmStart = this.#start
      return this.#received === this.#total
    }
    if (i <= this.#cold) {
      this.#coldBytes += length
      if (i === this.#cold) this.#coldEnd = now()
    }
    if (i > this.#warmFrom) this.#bytes += length
    else if (i === this.#warmFrom) this.#warmStart = now()
    if (this.#received < this.#count) return false
    this.#end = now()
    return this.#received === this.#total
  }

  /** The result line's figures. */
  result() {
    const cold = this.#cold
    return {
      messages: this.#count - 1 - this.#warmFrom,
      bytes: this.#bytes,
      elapsedNs: Number(this.#end - this.#warmStart),
      ...(cold > 0
        ? {
            coldMessages: cold,
            coldBytes: this.#coldBytes,
            coldElapsedNs: Number(this.#coldEnd - this.#start),
          }
        : {}),
    }
  }
}
