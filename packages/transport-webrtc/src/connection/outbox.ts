import { CHUNK_SIZE } from '../defaults.js'

/**
 * Cuts outgoing bytes into data-channel messages of at most {@link CHUNK_SIZE} octets. Each full 16 KiB
 * goes out as it fills; the rest waits for the end of the current job (a microtask), so that the writes
 * one synchronous run makes share messages: a session flushing every 64 KiB of large messages, a socket
 * answering every request of one read. That never holds a request or a reply back behind another task;
 * a burst of small messages across awaited sends is already one write per task (the engine batches it).
 */
export class Outbox {
  readonly #send: (message: Uint8Array) => void
  #parts: Uint8Array[] = []
  #size = 0
  #scheduled = false
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

  /** Takes `chunk`; what does not fill a whole message goes out at the end of the job. */
  add(chunk: Uint8Array): void {
    let offset = 0
    while (offset < chunk.length) {
      const room = CHUNK_SIZE - this.#size
      const take = Math.min(room, chunk.length - offset)
      // Whole 16 KiB slices of a large write go out as views, without a copy into the pack.
      if (this.#size === 0 && take === CHUNK_SIZE) {
        this.#send(chunk.subarray(offset, offset + take))
      } else {
        this.#parts.push(chunk.subarray(offset, offset + take))
        this.#size += take
        if (this.#size === CHUNK_SIZE) this.flush()
      }
      offset += take
    }
    if (this.#size > 0 && !this.#scheduled) {
      this.#scheduled = true
      queueMicrotask(this.#flushLater)
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
    this.#parts = []
    this.#size = 0
    this.#send(message)
  }

  /** Drops what was not handed over (destroy). */
  clear(): void {
    this.#parts = []
    this.#size = 0
  }
}
