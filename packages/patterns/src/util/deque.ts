/**
 * A FIFO queue on a growable ring buffer.
 *
 * @module
 */

/** Smallest capacity; also what the buffer shrinks back to. A power of two so indices wrap with a mask. */
const MIN_CAPACITY = 8

/**
 * The buffer of a deque that has never held anything: no room, so the first push makes the real one.
 * Most of a socket's queues stay empty for good (the outbound queue of a peer nobody sends to, either
 * queue of an idle connection), and each kept 8 slots (112 bytes) from the start. Shared, and never
 * written, since a push makes room first. Made as the real buffers are, so that it has their elements
 * kind and the accesses stay monomorphic.
 */
const NO_ROOM: unknown[] = new Array<unknown>(MIN_CAPACITY).fill(undefined)
NO_ROOM.length = 0

/**
 * A first-in first-out queue on a ring buffer, for message queues: `Array#shift` is O(n), while
 * {@link Deque.shift} is O(1).
 *
 * Capacity is a power of two (never below 8 once used; 0 until the first push and after `clear()`). It
 * grows by doubling, or straight to what the previous burst needed; it falls back to 8 once the deque is
 * empty, and to a quarter when only a sixteenth is used, so a burst does not pin memory and alternating
 * pushes and shifts at a boundary cannot thrash. A message queue typically fills with a read's worth of
 * messages and drains to empty, over and over: halving all the way down and doubling all the way up again
 * allocated about 24 octets per message that way (1,000-message bursts), the growth in one step and the
 * shrinking in two about a third of that. Vacated slots are cleared so removed items can be garbage
 * collected.
 *
 * @typeParam T - the item type.
 */
export class Deque<T> {
  private buffer: Array<T | undefined> = NO_ROOM as Array<T | undefined>
  private mask = 0
  private head = 0
  /** The most items held since the deque was last empty. */
  private peak = 0
  /** The capacity the last burst (from empty to empty) needed: the next one grows straight to it. */
  private burstCapacity = MIN_CAPACITY
  /**
   * The number of items queued. A field, not a getter: queues are asked their length several times per
   * message, and each getter is a call of its own while the code still runs in the interpreter. Callers
   * read it and never write it.
   */
  length = 0

  /** Appends `item` at the tail. */
  push(item: T): void {
    if (this.length === this.buffer.length) this.grow()
    this.buffer[(this.head + this.length) & this.mask] = item
    if (++this.length > this.peak) this.peak = this.length
  }

  /** Removes and returns the oldest item, or undefined when empty. */
  shift(): T | undefined {
    if (this.length === 0) return undefined
    const item = this.buffer[this.head]
    this.buffer[this.head] = undefined
    this.head = (this.head + 1) & this.mask
    this.length--
    // Checked here, not in a call: this runs per message.
    if (this.length <= this.buffer.length >>> 4 && this.buffer.length > MIN_CAPACITY) this.maybeShrink()
    else if (this.length === 0) this.emptied()
    return item
  }

  /** The oldest item without removing it, or undefined when empty. */
  peek(): T | undefined {
    return this.length === 0 ? undefined : this.buffer[this.head]
  }

  /** Removes every item and lets go of the buffer (the next push makes one of the smallest capacity). */
  clear(): void {
    this.buffer = NO_ROOM as Array<T | undefined>
    this.mask = 0
    this.head = 0
    this.length = 0
    this.peak = 0
    this.burstCapacity = MIN_CAPACITY
  }

  /** Iterates oldest first. The deque must not be modified while iterating. */
  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.buffer[(this.head + i) & this.mask] as T
  }

  /**
   * Removes the oldest item for which `predicate` returns true, e.g. to cancel a send still waiting in the
   * queue. Moves whichever side of the gap is shorter.
   *
   * @returns the removed item, or undefined when none matched.
   */
  removeFirst(predicate: (item: T) => boolean): T | undefined {
    const { buffer, mask, head, length: count } = this
    for (let i = 0; i < count; i++) {
      const item = buffer[(head + i) & mask] as T
      if (!predicate(item)) continue
      if (i < count - 1 - i) {
        for (let j = i; j > 0; j--) buffer[(head + j) & mask] = buffer[(head + j - 1) & mask]
        buffer[head] = undefined
        this.head = (head + 1) & mask
      } else {
        for (let j = i; j < count - 1; j++) buffer[(head + j) & mask] = buffer[(head + j + 1) & mask]
        buffer[(head + count - 1) & mask] = undefined
      }
      this.length--
      if (this.length === 0) this.emptied()
      else this.maybeShrink()
      return item
    }
    return undefined
  }

  /**
   * Current buffer capacity. For diagnostics and tests only: shows that the buffer grows by doubling and
   * gives memory back after a burst.
   */
  get capacity(): number {
    return this.buffer.length
  }

  private grow(): void {
    const capacity = this.buffer.length
    // Straight to the last burst's size, but at most 128 times larger at once: one huge backlog does not
    // make every later small burst allocate (and then shed) an array of its size.
    const jump = this.length < this.burstCapacity ? Math.min(this.burstCapacity, capacity * 128) : 0
    this.resize(Math.max(MIN_CAPACITY, capacity * 2, jump))
  }

  /** Empty: what this burst needed is noted for the next one, and the buffer falls back to the least. */
  private emptied(): void {
    let needed = MIN_CAPACITY
    while (needed < this.peak) needed *= 2
    this.burstCapacity = needed
    this.peak = 0
    if (this.buffer.length > MIN_CAPACITY) this.resize(MIN_CAPACITY)
  }

  private maybeShrink(): void {
    const capacity = this.buffer.length
    if (capacity <= MIN_CAPACITY) return
    if (this.length === 0) this.emptied()
    else if (this.length <= capacity >>> 4) this.resize(Math.max(MIN_CAPACITY, capacity >>> 2))
  }

  private resize(capacity: number): void {
    const next = new Array<T | undefined>(capacity).fill(undefined)
    for (let i = 0; i < this.length; i++) next[i] = this.buffer[(this.head + i) & this.mask]
    this.buffer = next
    this.mask = capacity - 1
    this.head = 0
  }
}
