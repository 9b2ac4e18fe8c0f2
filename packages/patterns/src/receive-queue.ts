import { Lookahead } from './lookahead.js'
import { asReceived, type Message } from './message.js'
import type { Pipe } from './pipe.js'
import { NOT_READY, WaiterQueue } from './waiters.js'

/**
 * What a socket's `receive()` hands out, and to whom: the callers waiting in call order, the message
 * `readable` took ahead (handed out first), and the direct hand-off of a message that arrives while a
 * caller waits and nothing is queued.
 */
export class ReceiveQueue {
  readonly #lookahead: Lookahead
  readonly #waiters: WaiterQueue<void, Message>

  /**
   * @param take - the routing strategy's receive (`tryReceive`)
   * @param direct - what `take` would return for a message that skips the queues, or undefined to queue it
   */
  constructor(
    take: () => Message | undefined,
    private readonly direct: (pipe: Pipe, message: Message) => Message | undefined,
  ) {
    this.#lookahead = new Lookahead(take)
    this.#waiters = new WaiterQueue<void, Message>('receive', () => {
      const message = this.#lookahead.next()
      return message === undefined ? NOT_READY : asReceived(message)
    })
  }

  /** Whether `receive()` would complete at once, taking a message ahead if needed. */
  get ready(): boolean {
    return this.#lookahead.ready
  }

  /** Whether callers wait. */
  get waiting(): boolean {
    return this.#waiters.waiting
  }

  /** A caller's `receive()`: at once if a message is ready, else waiting up to `timeout` ms (-1: forever). */
  request(timeout: number): Promise<Message> {
    return this.#waiters.request(undefined, timeout)
  }

  /** Hands queued messages to waiting callers in order. */
  serve(): void {
    this.#waiters.serve()
  }

  /** A message arrived on `pipe` with nothing queued: true if it went straight to a waiting caller. */
  handOff(pipe: Pipe, message: Message): boolean {
    if (!this.#waiters.canHandOff || this.#lookahead.holding) return false
    const received = this.direct(pipe, message)
    if (received === undefined) return false
    this.#waiters.handOff(asReceived(received))
    return true
  }

  /** The socket closed: the message taken ahead is dropped and every waiting caller rejects with `error`. */
  close(error: Error): void {
    this.#lookahead.clear()
    this.#waiters.rejectAll(error)
  }
}
