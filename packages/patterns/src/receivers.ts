import { ErrorCode, SocketError } from '@zmtp/core'
import { acquireProcess, releaseProcess } from './lifetime.js'
import { asReceived, type Message } from './message.js'
import type { Pipe } from './pipe.js'
import { Deque } from './util/deque.js'
import { nextTurn } from './util/next-turn.js'
import { captureResolvers, type Pending, unset, YIELD_EVERY } from './waiters.js'

/**
 * The callers waiting in a socket's `receive()`, and every way a message reaches them, in one place:
 * at once from the routing strategy, handed straight over when it arrives while a caller waits and
 * nothing is queued, or served in call order once queued. It also holds the one message `readable`
 * takes ahead (handed out first). One class rather than layers: a receive that waits and the message
 * that completes it cost a few calls each, which counts while the code still runs in the interpreter
 * (the first thousands of messages of a process).
 */
export class Receivers {
  /** The oldest waiting caller, kept apart from the rest: one caller waits at a time in most programs. */
  #first: Pending<Message> | null = null
  /** Callers waiting behind {@link #first}, oldest first. */
  readonly #rest = new Deque<Pending<Message>>()
  /** A message `readable` took from the routing strategy ahead of `receive()`. */
  #ahead: Message | undefined = undefined
  #serving = false
  /** Calls in a row that completed at once (see YIELD_EVERY). */
  #immediate = 0

  /**
   * @param take - the routing strategy's receive (`tryReceive`); it may throw (EFSM)
   * @param direct - what `take` would return for a message that skips the queues (with its effects), or
   * undefined to queue it
   */
  constructor(
    private readonly take: () => Message | undefined,
    private readonly direct: (pipe: Pipe, message: Message) => Message | undefined,
  ) {}

  /** Whether `receive()` would complete at once, taking a message ahead if needed. */
  get ready(): boolean {
    if (this.#ahead !== undefined) return true
    try {
      this.#ahead = this.take()
    } catch {
      return false
    }
    return this.#ahead !== undefined
  }

  /** Whether callers wait. */
  get waiting(): boolean {
    return this.#first !== null
  }

  /** A caller's `receive()`: at once if a message is ready, else waiting up to `timeout` ms (-1: forever). */
  request(timeout: number): Promise<Message> {
    if (this.#first === null) {
      let message = this.#ahead
      if (message !== undefined) this.#ahead = undefined
      else {
        try {
          message = this.take()
        } catch (error) {
          return Promise.reject(error)
        }
      }
      if (message !== undefined) {
        const received = asReceived(message)
        if (++this.#immediate < YIELD_EVERY) return Promise.resolve(received)
        this.#immediate = 0
        return onNextTurn(received)
      }
    }
    this.#immediate = 0
    const pending: Pending<Message> = { resolve: unset, reject: unset, timer: undefined }
    const promise = captureResolvers(pending)
    if (timeout >= 0) this.#arm(pending, timeout)
    if (this.#first === null) {
      this.#first = pending
      // Waiting callers keep the process alive (see lifetime.ts).
      acquireProcess()
    } else this.#rest.push(pending)
    return promise
  }

  /**
   * A message arrived on `pipe` while its inbound queue was empty: true if it went straight to the first
   * waiting caller. Not while a `serve()` runs (that one completes callers in order) nor while a message
   * taken ahead waits to be handed out first. An arrow, so a pipe calls it without a wrapper.
   */
  readonly handOff = (pipe: Pipe, message: Message): boolean => {
    const waiter = this.#first
    if (waiter === null || this.#serving || this.#ahead !== undefined) return false
    const received = this.direct(pipe, message)
    if (received === undefined) return false
    // #shift(), written out: this runs per message handed over.
    const rest = this.#rest
    if (rest.length > 0) this.#first = rest.shift()!
    else {
      this.#first = null
      releaseProcess()
    }
    if (waiter.timer !== undefined) clearTimeout(waiter.timer)
    waiter.resolve(asReceived(received))
    return true
  }

  /** Completes waiting callers in order while the routing strategy has messages for them. */
  serve(): void {
    // Serving can make messages ready again (a read moves inproc messages in): the loop picks that up,
    // so callers complete in order.
    if (this.#serving) return
    this.#serving = true
    try {
      for (let waiter = this.#first; waiter !== null; waiter = this.#first) {
        let message = this.#ahead
        try {
          if (message !== undefined) this.#ahead = undefined
          else message = this.take()
        } catch (error) {
          this.#shift()
          clearTimeout(waiter.timer)
          waiter.reject(error as Error)
          continue
        }
        if (message === undefined) return
        this.#shift()
        clearTimeout(waiter.timer)
        waiter.resolve(asReceived(message))
      }
    } finally {
      this.#serving = false
    }
  }

  /** The socket closed: the message taken ahead is dropped and every waiting caller rejects with `error`. */
  close(error: Error): void {
    this.#ahead = undefined
    for (let waiter = this.#first; waiter !== null; waiter = this.#first) {
      this.#shift()
      clearTimeout(waiter.timer)
      waiter.reject(error)
    }
  }

  /** Removes the first waiting caller; the process may go once nobody waits. */
  #shift(): void {
    const rest = this.#rest
    if (rest.length > 0) this.#first = rest.shift()!
    else {
      this.#first = null
      releaseProcess()
    }
  }

  /**
   * The timeout's timer, made here rather than in `request()`: a closure there capturing its locals or
   * parameters would make V8 allocate a context on every call (about 100 octets per message), whether or
   * not a timer is ever set.
   */
  #arm(pending: Pending<Message>, timeout: number): void {
    pending.timer = setTimeout(() => this.#timedOut(pending, timeout), timeout)
  }

  #timedOut(waiter: Pending<Message>, timeout: number): void {
    if (this.#first === waiter) this.#shift()
    else this.#rest.removeFirst((w) => w === waiter)
    waiter.reject(new SocketError(ErrorCode.Again, `receive timed out after ${timeout} ms`))
  }
}

/** A promise of `value` that settles on the next turn of the event loop (see YIELD_EVERY). */
function onNextTurn<T>(value: T): Promise<T> {
  return new Promise((resolve) => nextTurn(() => resolve(value)))
}
