/**
 * The raw data-channel baseline's sending side: the same 4-octet length-prefixed framing as the raw `net`
 * baseline (see length-prefixed.ts, whose FrameReader reads it back), packed into data-channel messages
 * of at most 16 KiB, the size zmtp's transport uses. Small frames are copied into one reused pack (the
 * channel copies what it is given in `send`); whole 16 KiB slices of a large body go by reference.
 */

export const CHUNK = 16 * 1024

export class ChannelPacker {
  readonly #send: (message: Uint8Array) => void
  readonly #pack = new Uint8Array(CHUNK)
  readonly #view = new DataView(this.#pack.buffer)
  #used = 0

  /** `send` hands one data-channel message to the channel. */
  constructor(send: (message: Uint8Array) => void) {
    this.#send = send
  }

  /** Frames `body`: its length, then its octets. */
  add(body: Uint8Array): void {
    if (CHUNK - this.#used < 4) this.flush()
    this.#view.setUint32(this.#used, body.length)
    this.#used += 4
    if (CHUNK - this.#used >= body.length) {
      this.#pack.set(body, this.#used)
      this.#used += body.length
      if (this.#used === CHUNK) this.flush()
      return
    }
    let at = 0
    while (at < body.length) {
      if (this.#used === 0 && body.length - at >= CHUNK) {
        this.#send(body.subarray(at, at + CHUNK))
        at += CHUNK
        continue
      }
      const take = Math.min(CHUNK - this.#used, body.length - at)
      this.#pack.set(body.subarray(at, at + take), this.#used)
      this.#used += take
      at += take
      if (this.#used === CHUNK) this.flush()
    }
  }

  /** Sends what is packed. */
  flush(): void {
    if (this.#used === 0) return
    this.#send(this.#pack.subarray(0, this.#used))
    this.#used = 0
  }
}
