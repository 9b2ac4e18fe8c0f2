import { CHUNK_SIZE } from '../defaults.js'
import { nextTask } from './next-task.js'

/**
 * Settled once, so that `then` on it queues a plain microtask. Node's `queueMicrotask` wraps every
 * callback in an async resource (an object, a bound function and async-context bookkeeping, about 200
 * octets and a few µs a call); a reaction on a settled promise costs a fraction of that, once per write.
 */
const settled = Promise.resolve()

/**
 * Cuts outgoing bytes into data-channel messages of at most {@link CHUNK_SIZE} octets; each full 16 KiB
 * goes out as it fills. The first write of a job (a request, a reply, the engine's batch of a turn) goes
 * out whole at once and schedules nothing: the engine already gathers a burst of small messages into one
 * write per task. Later writes in the same job (a session flushing every 64 KiB of large messages) are
 * packed together until the next task.
 */
export class Outbox {
  readonly #send: (message: Uint8Array) => void
  readonly #parts: Uint8Array[] = []
  #size = 0
  /** True from a first write until the end of its job (a microtask resets it). */
  #inJob = false
  #scheduled = false
  readonly #endJob = (): void => {
    this.#inJob = false
  }
  readonly #flushLater = (): void => {
    this.#scheduled = false
    this.flush()
  }

  constructor(send: (message: Uint8Array) => void) {
    this.#send = send
  }

  /** Octets accepted but not yet handed to the data channel. */
  get pending(): number {
    return this.#size
  }

  /** Takes one chunk of a write; call {@link Outbox.written} once the write's chunks are all added. */
  add(chunk: Uint8Array): void {
    let offset = 0
    while (offset < chunk.length) {
      const room = CHUNK_SIZE - this.#size
      const take = Math.min(room, chunk.length - offset)
      // Whole 16 KiB slices of a large write go out as views, without a copy into the pack.
      if (this.#size === 0 && take === CHUNK_SIZE) {
        this.#send(take === chunk.length ? chunk : chunk.subarray(offset, offset + take))
      } else {
        // A small chunk is kept whole: a view of all of it would be an allocation for nothing.
        this.#parts.push(take === chunk.length ? chunk : chunk.subarray(offset, offset + take))
        this.#size += take
        if (this.#size === CHUNK_SIZE) this.flush()
      }
      offset += take
    }
  }

  /** A write is over: send it now if it is the first of its job, or else pack it until the next task. */
  written(): void {
    if (!this.#inJob) {
      this.#inJob = true
      void settled.then(this.#endJob)
      this.flush()
    } else if (this.#size > 0 && !this.#scheduled) {
      this.#scheduled = true
      nextTask(this.#flushLater)
    }
  }

  /** Hands what is packed to the data channel now. */
  flush(): void {
    if (this.#size === 0) return
    const parts = this.#parts
    let message: Uint8Array
    if (parts.length === 1) {
      message = parts[0]!
    } else {
      message = new Uint8Array(this.#size)
      let at = 0
      for (const part of parts) {
        message.set(part, at)
        at += part.length
      }
    }
    // The array is reused: a new one per message would be garbage on every write.
    parts.length = 0
    this.#size = 0
    this.#send(message)
  }

  /** Drops what was not handed over (destroy). */
  clear(): void {
    this.#parts.length = 0
    this.#size = 0
  }
}
