import { CHUNK_SIZE, STREAM_HOLD_MS, STREAM_HOLD_TURNS, STREAM_MIN_TURN_BYTES } from '../defaults.js'
import { nextTask } from './next-task.js'

/**
 * Settled once, so that `then` on it queues a plain microtask. Node's `queueMicrotask` wraps every
 * callback in an async resource (an object, a bound function and async-context bookkeeping, about 200
 * octets and a few µs a call); a reaction on a settled promise costs a fraction of that, once per write.
 */
const settled = Promise.resolve()

/**
 * Where the outbox stands between a write that went out at once and the quiet turn that ends a stream.
 * - `Idle`: nothing written lately; the next write goes out at once.
 * - `Turn`: a write went out at once in this task; later writes in it are packed until its end (the
 *   first write of another job in the same task takes the pack along at once).
 * - `Stream`: writes came in a later task too; they are packed until 16 KiB fill, a task passes with no
 *   write or with less than {@link STREAM_MIN_TURN_BYTES} written, {@link STREAM_HOLD_TURNS} tasks have
 *   gone by, or the oldest packed octet has waited {@link STREAM_HOLD_MS}.
 */
enum Phase {
  Idle,
  Turn,
  Stream,
}

/**
 * Cuts outgoing bytes into data-channel messages of at most {@link CHUNK_SIZE} octets; each full 16 KiB
 * goes out as it fills. A write after a quiet spell (a request, a reply, a lone event) goes out whole at
 * once, with no wait. Writes that keep coming task after task (a sender streaming small messages, where
 * the engine writes one batch of a few KiB per task) are packed across tasks instead, so that they
 * travel in full 16 KiB messages, as libzmq fills its 8 KiB batches while its pipe holds messages: every
 * data-channel message costs a native send, an SCTP packet, and on the receiving side a wake-up of its
 * event loop and an event, whatever its size. A write that answers input from the peer (see
 * {@link Outbox.inputArrived}) always goes out at once, so a request/reply exchange never waits.
 */
export class Outbox {
  readonly #send: (message: Uint8Array) => void
  readonly #parts: Uint8Array[] = []
  #size = 0
  #phase = Phase.Idle
  /** True from a write until the end of its job (a microtask resets it). */
  #inJob = false
  /** A check is queued for the next task (at most one at a time). */
  #checking = false
  /** Something was written since the last check. */
  #wrote = false
  /** Octets added since the last check. */
  #turnBytes = 0
  /** Checks that have passed while the oldest packed octet waited. */
  #held = 0
  /** When the oldest octet of a stream's pack was added (`now`): its wait is bounded from there. */
  #packedAt = 0
  /** Input arrived from the peer since the last write: the next write answers it and goes out at once. */
  #answer = false
  readonly #endJob = (): void => {
    this.#inJob = false
  }
  readonly #check = (): void => {
    this.#checking = false
    this.#onTurn()
  }

  readonly #now: () => number

  /** `send` hands one data-channel message to the channel; `now` tells the time in ms (tests pass their own). */
  constructor(send: (message: Uint8Array) => void, now: () => number = () => performance.now()) {
    this.#send = send
    this.#now = now
  }

  /** Octets accepted but not yet handed to the data channel. */
  get pending(): number {
    return this.#size
  }

  /** Takes one chunk of a write; call {@link Outbox.written} once the write's chunks are all added. */
  add(chunk: Uint8Array): void {
    this.#turnBytes += chunk.length
    let offset = 0
    while (offset < chunk.length) {
      const room = CHUNK_SIZE - this.#size
      const take = Math.min(room, chunk.length - offset)
      // Whole 16 KiB slices of a large write go out as views, without a copy into the pack.
      if (this.#size === 0 && take === CHUNK_SIZE) {
        this.#send(take === chunk.length ? chunk : chunk.subarray(offset, offset + take))
      } else {
        // Only a stream's pack is held past its task, so only the time of its first octet matters.
        if (this.#size === 0 && this.#phase === Phase.Stream) this.#packedAt = this.#now()
        // A small chunk is kept whole: a view of all of it would be an allocation for nothing.
        this.#parts.push(take === chunk.length ? chunk : chunk.subarray(offset, offset + take))
        this.#size += take
        if (this.#size === CHUNK_SIZE) this.flush()
      }
      offset += take
    }
  }

  /** A write is over: send it now, pack it until the end of its task, or pack it as part of a stream. */
  written(): void {
    this.#wrote = true
    const firstOfJob = !this.#inJob
    if (firstOfJob) {
      this.#inJob = true
      void settled.then(this.#endJob)
    }
    if (this.#answer || this.#phase === Phase.Idle || (firstOfJob && this.#phase === Phase.Turn)) {
      // At once, with anything packed before it (in order).
      this.flush()
      this.#phase = Phase.Turn
      this.#wrote = false
      if (this.#answer) {
        // Traffic that answers input is never held, so there is no stream to watch for: no task queued.
        this.#answer = false
        return
      }
    }
    if (!this.#checking) {
      this.#checking = true
      nextTask(this.#check)
    }
  }

  /**
   * Input arrived from the peer: the next write answers it (a reply, the next request) and goes out at
   * once with whatever is packed, as the engine's own output scheduler does on input.
   */
  inputArrived(): void {
    this.#answer = true
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
    this.#held = 0
    this.#send(message)
  }

  /** Drops what was not handed over (destroy). */
  clear(): void {
    this.#parts.length = 0
    this.#size = 0
    this.#held = 0
    this.#phase = Phase.Idle
  }

  /** A task after a write: end the turn, keep packing a stream, or send what waits and go quiet. */
  #onTurn(): void {
    if (this.#phase === Phase.Idle) return
    if (this.#phase === Phase.Turn) {
      // The task of a write that went out at once is over: what it packed goes now, as it always did.
      // Writes in later tasks are a stream (unless one of them answers input).
      this.flush()
      this.#phase = Phase.Stream
      this.#wrote = false
      this.#turnBytes = 0
    } else if (!this.#wrote) {
      // A task with no write: the stream paused or ended; what waits goes now.
      if (this.#size === 0) {
        this.#phase = Phase.Idle
        return
      }
      this.flush()
    } else {
      this.#wrote = false
      if (this.#size > 0) this.#holdOrFlush()
    }
    this.#turnBytes = 0
    this.#checking = true
    nextTask(this.#check)
  }

  /** A stream's task wrote: keep what is packed for the next task, or send it if it waited enough. */
  #holdOrFlush(): void {
    if (this.#turnBytes < STREAM_MIN_TURN_BYTES) {
      this.flush()
      return
    }
    if (++this.#held >= STREAM_HOLD_TURNS || this.#now() - this.#packedAt >= STREAM_HOLD_MS) this.flush()
  }
}
