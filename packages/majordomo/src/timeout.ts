/** The value {@link withTimeout} resolves with when time runs out first. */
export const TIMED_OUT: unique symbol = Symbol('timed out')

/**
 * Resolves with `promise`'s value, or with {@link TIMED_OUT} after `ms`. A rejection of `promise` passes
 * through. The timer is cleared either way, so it never keeps a process alive.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expiry = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms)
  })
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer))
}
