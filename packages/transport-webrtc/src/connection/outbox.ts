import { CHUNK_SIZE } from '../defaults.js'

/**
 * Runs `callback` in a later task, after pending I/O (not a microtask: a sender awaiting each `send()`
 * resumes in a microtask, and its next message should join the pack). `setImmediate` in Node; a
 * `MessageChannel` message in browsers, which `setTimeout` would clamp to 4 ms.
 */
const nextTask: (callback: () => void) => void = (() => {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate
  if (immediate) return (callback) => void immediate(callback)
  const queue: (() => void)[] = []
  const channel = new MessageChannel()
  channel.port1.onmessage = () => queue.shift()?.()
  return (callback) => {
    queue.push(callback)
    channel.port2.postMessage(null)
  }
})()

/**
 * Cuts and packs outgoing bytes into data-channel messages of at most {@link CHUNK_SIZE} octets. Small
 * writes (a 16-octet ZMTP frame) that follow each other within a task are packed together (see
 * {@link Outbox.written}), so that a burst of small messages costs one data-channel message per 16 KiB
 * instead of one each.
 */
export class Outbox {
  readonly #send: (message: Uint8Array) => void
  #parts: Uint8Array[] = []
  #size = 0
  #scheduled = false

  constructor(send: (message: Uint8Array) => void) {
    this.#send = send
  }

  /** Octets accepted but not yet handed to the data channel. */
  get pending(): number {
    return this.#size
  }

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
  }

  /**
   * Called after each write. The first write of a task goes out at once (a request, a reply: no added
   * latency); writes after it in the same task are packed and go out when the task is over.
   */
  written(): void {
    if (this.#scheduled) return
    this.flush()
    this.#scheduled = true
    nextTask(() => {
      this.#scheduled = false
      this.flush()
    })
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
