/**
 * The raw-socket baseline's framing: a 4-octet big-endian length, then the body. Small messages are
 * copied into 64 KiB batches and large ones go by reference next to their header, which is the least
 * work any framing over a Node stream can do; the ZMTP engine does the same, plus its own header.
 */

const BATCH = 64 * 1024
const BY_REFERENCE = 16 * 1024

export class FrameWriter {
  #batch = Buffer.allocUnsafe(BATCH)
  #used = 0

  /** Frames `body`; returns chunks ready to write (none while the current batch has room). */
  add(body: Uint8Array, out: Uint8Array[]): void {
    if (body.length >= BY_REFERENCE) {
      this.#reserve(4, out)
      this.#batch.writeUInt32BE(body.length, this.#used)
      this.#used += 4
      this.flush(out)
      out.push(body)
      return
    }
    this.#reserve(4 + body.length, out)
    this.#batch.writeUInt32BE(body.length, this.#used)
    this.#batch.set(body, this.#used + 4)
    this.#used += 4 + body.length
  }

  /** Ends the current batch. */
  flush(out: Uint8Array[]): void {
    if (this.#used === 0) return
    out.push(this.#batch.subarray(0, this.#used))
    this.#batch = this.#batch.subarray(this.#used)
    this.#used = 0
    if (this.#batch.length < 4) this.#batch = Buffer.allocUnsafe(BATCH)
  }

  #reserve(size: number, out: Uint8Array[]): void {
    if (this.#batch.length - this.#used >= size) return
    this.flush(out)
    this.#batch = Buffer.allocUnsafe(Math.max(BATCH, size))
  }
}

/** Cuts a byte stream into messages; a message split across chunks is assembled into its own buffer. */
export class FrameReader {
  readonly #onMessage: (body: Uint8Array) => void
  #header = Buffer.alloc(4)
  #headerFilled = 0
  #body: Buffer | null = null
  #bodyFilled = 0

  constructor(onMessage: (body: Uint8Array) => void) {
    this.#onMessage = onMessage
  }

  push(chunk: Buffer): void {
    let offset = 0
    while (offset < chunk.length) {
      if (this.#body === null) {
        if (this.#headerFilled === 0 && chunk.length - offset >= 4) {
          const size = chunk.readUInt32BE(offset)
          offset += 4
          if (chunk.length - offset >= size) {
            this.#onMessage(chunk.subarray(offset, offset + size))
            offset += size
            continue
          }
          this.#startBody(size)
          continue
        }
        const take = Math.min(4 - this.#headerFilled, chunk.length - offset)
        chunk.copy(this.#header, this.#headerFilled, offset, offset + take)
        this.#headerFilled += take
        offset += take
        if (this.#headerFilled === 4) {
          this.#headerFilled = 0
          this.#startBody(this.#header.readUInt32BE(0))
        }
        continue
      }
      const body = this.#body
      const take = Math.min(body.length - this.#bodyFilled, chunk.length - offset)
      chunk.copy(body, this.#bodyFilled, offset, offset + take)
      this.#bodyFilled += take
      offset += take
      if (this.#bodyFilled === body.length) {
        this.#body = null
        this.#onMessage(body)
      }
    }
  }

  #startBody(size: number): void {
    if (size === 0) {
      this.#onMessage(new Uint8Array(0))
      return
    }
    this.#body = Buffer.allocUnsafe(size)
    this.#bodyFilled = 0
  }
}
