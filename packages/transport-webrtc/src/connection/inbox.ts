/**
 * What a connection received while its socket's receive queue was full. A data channel cannot be paused,
 * so messages wait here (up to a limit; past it `overflow` is called) and go out in order on resume.
 */
export class Inbox {
  readonly #deliver: (chunk: Uint8Array) => void
  readonly #limit: number
  readonly #overflow: () => void
  #held: Uint8Array[] = []
  #heldBytes = 0
  #paused = false
  #ready = false
  #onEmpty: (() => void) | undefined

  constructor(deliver: (chunk: Uint8Array) => void, limit: number, overflow: () => void) {
    this.#deliver = deliver
    this.#limit = limit
    this.#overflow = overflow
  }

  /** True while a clean end waits for held chunks to be delivered. */
  get holding(): boolean {
    return this.#onEmpty !== undefined
  }

  push(chunk: Uint8Array): void {
    if (this.#ready && !this.#paused && this.#held.length === 0) {
      this.#deliver(chunk)
      return
    }
    this.#held.push(chunk)
    this.#heldBytes += chunk.length
    if (this.#heldBytes > this.#limit) this.#overflow()
  }

  pause(): void {
    this.#paused = true
  }

  resume(): void {
    this.#paused = false
    this.release()
  }

  /** The receiver listens now: deliver what waits, and from now on deliver directly. */
  start(): void {
    this.#ready = true
    this.release()
  }

  /** Delivers what waits, in order, until paused again. */
  release(): void {
    if (!this.#ready) return
    const held = this.#held
    let index = 0
    while (index < held.length && !this.#paused && this.#held === held) {
      const chunk = held[index++]!
      this.#heldBytes -= chunk.length
      this.#deliver(chunk)
    }
    if (this.#held === held) held.splice(0, index)
    if (this.#held.length === 0 && this.#onEmpty) {
      const onEmpty = this.#onEmpty
      this.#onEmpty = undefined
      onEmpty()
    }
  }

  /** Calls `then` once everything held has been delivered (at once when nothing is held). */
  whenEmpty(then: () => void): void {
    if (this.#held.length === 0) then()
    else this.#onEmpty = then
  }

  clear(): void {
    this.#onEmpty = undefined
    this.#held = []
    this.#heldBytes = 0
  }
}
