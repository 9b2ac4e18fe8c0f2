import type { EngineHandler } from './options.js'
import { OutputBuffer } from './output-buffer.js'
import { scheduleMacrotask } from './schedule.js'

/**
 * Holds a connection's encoded output and decides when it is written: the engine's flush policy, in one
 * place. The first output after a quiet spell (a request, a reply) is written at once and opens a burst;
 * a second output within the burst schedules one macrotask, and everything until then leaves in one
 * batched write. So a burst costs one extra write at most, and a lone message never waits.
 *
 * A burst ends at that macrotask, or when input arrives (`inputArrived`): a request/reply exchange then
 * writes each message at once and schedules nothing at all, where it used to pay one macrotask per
 * round trip. Without input, a burst of one output stays open until the next output, which then waits
 * for the end of its turn like any second output in a burst.
 * @internal
 */
export class OutputScheduler {
  readonly buffer = new OutputBuffer()
  /** Where batches go, called as a method (`sink.write`): a wrapper closure would be a call more per write. */
  #sink: Pick<EngineHandler, 'write'> | null
  /** False after the transport said its buffer is full, until the engine is told it drained. */
  writable = true
  #scheduled = false
  /** Set by a write that went out at once, until the macrotask or the input after it. */
  #burst = false

  /** `sink.write` receives each batch of chunks, in order (looked up at each write). */
  constructor(sink: Pick<EngineHandler, 'write'>) {
    this.#sink = sink
  }

  /** Octets encoded but not yet written. */
  get pending(): number {
    return this.buffer.pending
  }

  /** Writes everything encoded so far, now. */
  flush(): void {
    const sink = this.#sink
    if (sink === null || this.buffer.pending === 0) return
    if (sink.write(this.buffer.take()) === false) this.writable = false
  }

  /** Output was encoded: write it now or at the end of the turn, by the policy above. */
  schedule(): void {
    if (this.#scheduled) return
    if (!this.#burst) {
      this.#burst = true
      // flush(), written out: this runs per message.
      const sink = this.#sink
      const buffer = this.buffer
      if (sink !== null && buffer.pending !== 0 && sink.write(buffer.take()) === false) this.writable = false
      return
    }
    this.#scheduled = true
    scheduleMacrotask(this.#endBurst)
  }

  /**
   * Input arrived from the peer: what is written next answers it, so it goes out at once. Output still
   * waiting for its macrotask keeps waiting (it is part of a burst).
   */
  inputArrived(): void {
    if (!this.#scheduled) this.#burst = false
  }

  /** No more writes, ever; what is still pending is dropped. */
  stop(): void {
    this.#sink = null
  }

  readonly #endBurst = (): void => {
    this.#scheduled = false
    this.#burst = false
    this.flush()
  }
}
