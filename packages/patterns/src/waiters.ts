/**
 * What the callers waiting in `send()` and in `receive()` have in common: the pending promise each
 * one gets, built without a closure per call, and the rule that bounds how long a loop of calls that
 * complete at once may run on microtasks alone.
 *
 * @module
 */

/**
 * After this many calls in a row that completed at once, one completes on the next event-loop turn
 * instead: a loop of awaited `send()`s (or `receive()`s on a full queue) otherwise runs on microtasks
 * alone and starves timers and I/O until it stops. One turn per 256 calls costs nothing measurable.
 */
export const YIELD_EVERY = 256

/** A caller waiting for its promise to settle, with the timer of its timeout (ZMQ_SNDTIMEO / ZMQ_RCVTIMEO). */
export interface Pending<Out> {
  resolve: (output: Out) => void
  reject: (error: Error) => void
  /** Always present (undefined without a timeout), so every waiter has one shape. */
  timer: ReturnType<typeof setTimeout> | undefined
}

/** What a {@link Pending} holds until {@link captureResolvers} fills it in. */
export const unset = (): void => {}

/** The waiter whose promise is being constructed: {@link capture} fills in its resolving functions. */
// biome-ignore lint/suspicious/noExplicitAny: one slot shared by waiters of every type
let constructing: Pending<any> | null = null

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

/** A new pending promise whose resolving functions are stored in `waiter`. */
export function captureResolvers<Out>(waiter: Pending<Out>): Promise<Out> {
  constructing = waiter
  const promise = new Promise<Out>(capture)
  constructing = null
  return promise
}
