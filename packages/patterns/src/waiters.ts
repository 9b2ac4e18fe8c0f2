import { ErrorCode, SocketError } from '@zmtp/core'
import { ProcessHold } from './lifetime.js'
import { Deque } from './util/deque.js'
import { nextTurn } from './util/next-turn.js'

/**
 * After this many calls in a row that completed at once, one completes on the next event-loop turn
 * instead: a loop of awaited `send()`s (or `receive()`s on a full queue) otherwise runs on microtasks
 * alone and starves timers and I/O until it stops. One turn per 256 calls costs nothing measurable.
 */
const YIELD_EVERY = 256

/** What an attempt returns when it cannot complete yet: the caller waits. */
export const NOT_READY: unique symbol = Symbol('not ready')

interface Waiter<In, Out> {
  input: In
  resolve: (output: Out) => void
  reject: (error: Error) => void
  /** Always present (undefined without a timeout), so every waiter has one shape. */
  timer: ReturnType<typeof setTimeout> | undefined
}

const unset = (): void => {}
/** The waiter whose promise is being constructed: {@link capture} fills in its resolving functions. */
// biome-ignore lint/suspicious/noExplicitAny: one slot shared by waiters of every type
let constructing: Waiter<any, any> | null = null

/**
 * The one executor every waiting call's promise is built with: it stores the resolving functions in the
 * waiter being constructed. A closure per call would allocate a function and its context per wait.
 */
// biome-ignore lint/suspicious/noExplicitAny: the resolving function of a promise of any type
function capture(resolve: (output: any) => void, reject: (error: Error) => void): void {
  const waiter = constructing!
  waiter.resolve = resolve
  waiter.reject = reject
}

/** A promise of `value` that settles on the next turn of the event loop (see YIELD_EVERY). */
function onNextTurn<T>(value: T): Promise<T> {
  return new Promise((resolve) => nextTurn(() => resolve(value)))
}

/**
 * The callers waiting in `send()` or in `receive()`, served strictly in call order. Each call first tries
 * at once (when nobody waits ahead of it); otherwise it waits, up to its timeout (ZMQ_SNDTIMEO /
 * ZMQ_RCVTIMEO, rejecting with EAGAIN), until `serve()` finds the socket ready for it.
 */
export class WaiterQueue<In, Out> {
  readonly #waiters = new Deque<Waiter<In, Out>>()
  /** Callers waiting keep the process alive (see lifetime.ts); an empty queue does not. */
  readonly #hold = new ProcessHold()
  #serving = false
  #immediate = 0

  /**
   * @param operation - `send` or `receive`, for the timeout's message
   * @param attempt - completes the operation now, or returns {@link NOT_READY}; may throw to reject
   */
  constructor(
    readonly operation: 'send' | 'receive',
    readonly attempt: (input: In) => Out | typeof NOT_READY,
  ) {}

  /** Whether any caller waits. */
  get waiting(): boolean {
    return this.#waiters.length > 0
  }

  /** Completes at once if nobody waits ahead and the socket is ready; else waits up to `timeout` ms (-1: forever). */
  request(input: In, timeout: number): Promise<Out> {
    // No closure in here: one that captured a local or a parameter would make V8 allocate a context for
    // it on every call (about 100 octets per message), whether or not the closure is ever made.
    if (this.#waiters.length === 0) {
      let output: Out | typeof NOT_READY
      try {
        output = this.attempt(input)
      } catch (error) {
        return Promise.reject(error)
      }
      if (output !== NOT_READY) {
        if (++this.#immediate < YIELD_EVERY) return Promise.resolve(output)
        this.#immediate = 0
        return onNextTurn(output)
      }
    }
    this.#immediate = 0
    const waiter: Waiter<In, Out> = { input, resolve: unset, reject: unset, timer: undefined }
    constructing = waiter
    const promise = new Promise<Out>(capture)
    constructing = null
    if (timeout >= 0) this.#arm(waiter, timeout)
    this.#waiters.push(waiter)
    this.#hold.set(true)
    return promise
  }

  #arm(waiter: Waiter<In, Out>, timeout: number): void {
    waiter.timer = setTimeout(() => this.#timedOut(waiter, timeout), timeout)
  }

  #timedOut(waiter: Waiter<In, Out>, timeout: number): void {
    this.#waiters.removeFirst((w) => w === waiter)
    this.#settled()
    waiter.reject(new SocketError(ErrorCode.Again, `${this.operation} timed out after ${timeout} ms`))
  }

  /** Whether {@link handOff} may complete a waiting call now: one waits, and no `serve()` is running. */
  get canHandOff(): boolean {
    return this.#waiters.length > 0 && !this.#serving
  }

  /**
   * Completes the first waiting call with `output` that never went through a queue (a message arriving
   * while nothing is queued), skipping `attempt`. Only when {@link canHandOff}.
   */
  handOff(output: Out): void {
    const waiters = this.#waiters
    const waiter = waiters.shift()!
    if (waiter.timer !== undefined) clearTimeout(waiter.timer)
    if (waiters.length === 0) this.#hold.set(false)
    waiter.resolve(output)
  }

  /** Completes waiting calls in order while the socket is ready for them. */
  serve(): void {
    // Serving can make the socket ready again (a send frees a pipe, a read moves inproc messages in):
    // the outer loop picks that up, so calls complete in order.
    // Nobody waits (every message that queues while the reader is busy): nothing to do, and the hold is
    // already released (every path that empties the queue releases it).
    if (this.#serving || this.#waiters.length === 0) return
    this.#serving = true
    try {
      this.#serve()
    } finally {
      this.#serving = false
      this.#settled()
    }
  }

  /** Rejects every waiting call with `error`. */
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

  #serve(): void {
    const waiters = this.#waiters
    while (waiters.length > 0) {
      const waiter = waiters.peek()!
      let output: Out | typeof NOT_READY
      try {
        output = this.attempt(waiter.input)
      } catch (error) {
        waiters.shift()
        clearTimeout(waiter.timer)
        waiter.reject(error as Error)
        continue
      }
      if (output === NOT_READY) return
      waiters.shift()
      clearTimeout(waiter.timer)
      waiter.resolve(output)
    }
  }
}
