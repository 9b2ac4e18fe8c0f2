import type { Message } from './message.js'

/**
 * One message taken ahead from a socket's routing strategy, so `readable` can say whether `receive()`
 * would complete at once without losing the message: `receive()` hands it out first.
 */
export class Lookahead {
  #message: Message | undefined = undefined

  /** @param take - the routing strategy's receive; it may throw (EFSM), which counts as not ready */
  constructor(private readonly take: () => Message | undefined) {}

  /** Whether a message is ready, taking it ahead if needed. */
  get ready(): boolean {
    if (this.#message !== undefined) return true
    try {
      this.#message = this.take()
    } catch {
      return false
    }
    return this.#message !== undefined
  }

  /** Whether a message was taken ahead and waits to be handed out. */
  get holding(): boolean {
    return this.#message !== undefined
  }

  /** The message taken ahead, else the next one from the routing strategy. */
  next(): Message | undefined {
    const message = this.#message
    if (message === undefined) return this.take()
    this.#message = undefined
    return message
  }

  /** Forgets the message taken ahead (the socket closed). */
  clear(): void {
    this.#message = undefined
  }
}
