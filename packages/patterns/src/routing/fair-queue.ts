import type { Message } from '../message.js'
import type { Pipe } from '../pipe.js'
import { Deque } from '../util/deque.js'

/**
 * Round-robin reading over the pipes that have messages, one whole message at a time (libzmq's `fq`:
 * Pull, Dealer, Router, Reply, Subscriber). Only pipes with queued messages are visited, so many idle
 * peers cost nothing.
 */
export class FairQueue {
  readonly #active = new Deque<Pipe>()
  readonly #queued = new Set<Pipe>()
  #lastPipe: Pipe | null = null

  /** Notes that `pipe` has messages to read. */
  readable(pipe: Pipe): void {
    if (this.#queued.has(pipe)) return
    this.#queued.add(pipe)
    this.#active.push(pipe)
  }

  /** Whether no pipe waits to be read: a new message would be the next one read. */
  get empty(): boolean {
    return this.#active.length === 0
  }

  /** Forgets a pipe (it may still sit in the rotation; it is skipped once empty). */
  remove(pipe: Pipe): void {
    if (this.#queued.delete(pipe)) this.#active.removeFirst((p) => p === pipe)
  }

  /**
   * The pipe the message {@link read} returned last came from (null before the first). Kept here rather
   * than returned beside the message, so that reading allocates nothing per message.
   */
  get lastPipe(): Pipe | null {
    return this.#lastPipe
  }

  /** The next message, or undefined when no pipe has one; {@link lastPipe} then names its pipe. */
  read(): Message | undefined {
    const active = this.#active
    while (active.length > 0) {
      // Read in place at the head: with one busy pipe (the usual case) the rotation below is skipped,
      // where taking the pipe out and putting it back cost two queue operations per message.
      const pipe = active.peek()!
      const message = pipe.read()
      // Reading the last message of an ended pipe removes it from the rotation (see remove).
      const atHead = active.peek() === pipe
      if (message === undefined || pipe.inbound.length === 0) {
        if (atHead) {
          active.shift()
          this.#queued.delete(pipe)
        }
        if (message === undefined) continue
      } else if (atHead && active.length > 1) {
        active.push(active.shift()!)
      }
      this.#lastPipe = pipe
      return message
    }
    return undefined
  }
}
