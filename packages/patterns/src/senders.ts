import { ErrorCode, SocketError } from '@zmtp/core'
import { ProcessHold } from './lifetime.js'
import type { Message } from './message.js'
import { Deque } from './util/deque.js'
import { nextTurn } from './util/next-turn.js'
import { captureResolvers, type Pending, unset, YIELD_EVERY } from './waiters.js'

interface WaitingSend extends Pending<void> {
  message: Message
}

/**
 * What every send that completed at once returns. One promise, resolved for good, shared by all of them:
 * awaiting it is the same as awaiting a new one, and a send (every request and reply) allocates none.
 */
const SENT: Promise<void> = Promise.resolve()

/**
 * The callers waiting in a socket's `send()`, served strictly in call order: a send waits while the
 * routing strategy cannot take it or while earlier sends wait, up to its timeout (ZMQ_SNDTIMEO, then
 * EAGAIN), until `serve()` finds the socket ready for it.
 */
export class Senders {
  readonly #waiters = new Deque<WaitingSend>()
  /** Callers waiting keep the process alive (see lifetime.ts); an empty queue does not. */
  readonly #hold = new ProcessHold()
  #serving = false
  /** Sends in a row that completed at once (see YIELD_EVERY). */
  #immediate = 0

  /** @param attempt - the routing strategy's send (`trySend`): false to keep waiting; may throw to reject */
  constructor(private readonly attempt: (message: Message) => boolean) {}

  /**
   * A caller's `send()`: at once if nobody waits ahead and the routing strategy takes the message (which
   * may throw), else waiting up to `timeout` ms (-1: forever).
   */
  send(message: Message, timeout: number): Promise<void> {
    if (this.#waiters.length === 0 && this.attempt(message)) {
      if (++this.#immediate < YIELD_EVERY) return SENT
      this.#immediate = 0
      return new Promise((resolve) => nextTurn(resolve))
    }
    this.#immediate = 0
    const waiter: WaitingSend = { message, resolve: unset, reject: unset, timer: undefined }
    const promise = captureResolvers(waiter)
    if (timeout >= 0) this.#arm(waiter, timeout)
    this.#waiters.push(waiter)
    this.#hold.set(true)
    return promise
  }

  /** Completes waiting sends in order while the socket is ready for them. */
  serve(): void {
    // Serving can make the socket ready again (a send frees a pipe): the loop picks that up, so sends
    // complete in order.
    if (this.#serving) return
    this.#serving = true
    const waiters = this.#waiters
    try {
      while (waiters.length > 0) {
        const waiter = waiters.peek()!
        let sent: boolean
        try {
          sent = this.attempt(waiter.message)
        } catch (error) {
          waiters.shift()
          clearTimeout(waiter.timer)
          waiter.reject(error as Error)
          continue
        }
        if (!sent) return
        waiters.shift()
        clearTimeout(waiter.timer)
        waiter.resolve()
      }
    } finally {
      this.#serving = false
      this.#settled()
    }
  }

  /** Rejects every waiting send with `error`. */
  rejectAll(error: Error): void {
    const waiters = this.#waiters
    while (waiters.length > 0) {
      const waiter = waiters.shift()!
      clearTimeout(waiter.timer)
      waiter.reject(error)
    }
    this.#hold.set(false)
  }

  /** Lets the process go once nobody waits any more. */
  #settled(): void {
    if (this.#waiters.length === 0) this.#hold.set(false)
  }

  /**
   * The timeout's timer, made here rather than in `send()`: a closure there capturing its locals would
   * make V8 allocate a context on every call, whether or not a timer is ever set.
   */
  #arm(waiter: WaitingSend, timeout: number): void {
    waiter.timer = setTimeout(() => this.#timedOut(waiter, timeout), timeout)
  }

  #timedOut(waiter: WaitingSend, timeout: number): void {
    this.#waiters.removeFirst((w) => w === waiter)
    this.#settled()
    waiter.reject(new SocketError(ErrorCode.Again, `send timed out after ${timeout} ms`))
  }
}
