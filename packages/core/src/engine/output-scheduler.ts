import { OutputBuffer } from './output-buffer.js'
import { scheduleMacrotask } from './schedule.js'

/**
 * Holds a connection's encoded output and decides when it is written: the engine's flush policy, in one
 * place. The first output after a quiet spell (a request, a reply) is written at once; whatever follows in
 * the same turn of the event loop waits for the next macrotask and leaves in one batched write. So a burst
 * costs one extra write at most, and a lone message never waits for the end of the turn.
 * @internal
 */
export class OutputScheduler {
  readonly buffer = new OutputBuffer()
  #write: ((chunks: Uint8Array[]) => boolean | void) | null
  /** False after the transport said its buffer is full, until the engine is told it drained. */
  writable = true
  #scheduled = false
  /** Set by a write that went out at once, until the macrotask after it: later writes are batched. */
  #burst = false

  /** `write` receives each batch of chunks, in order. */
  constructor(write: (chunks: Uint8Array[]) => boolean | void) {
    this.#write = write
  }

  /** Octets encoded but not yet written. */
  get pending(): number {
    return this.buffer.pending
  }

  /** Writes everything encoded so far, now. */
  flush(): void {
    this.#scheduled = false
    if (this.#write === null || this.buffer.pending === 0) return
    if (this.#write(this.buffer.take()) === false) this.writable = false
  }

  /** Output was encoded: write it now or at the end of the turn, by the policy above. */
  schedule(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    if (!this.#burst) {
      this.#burst = true
      this.flush()
      this.#scheduled = true
    }
    scheduleMacrotask(this.#endBurst)
  }

  /** No more writes, ever; what is still pending is dropped. */
  stop(): void {
    this.#write = null
  }

  readonly #endBurst = (): void => {
    this.#burst = false
    this.flush()
  }
}
