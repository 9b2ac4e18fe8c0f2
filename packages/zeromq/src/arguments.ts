/**
 * zeromq.js's native classes (`Socket`, `Context`, `Proxy`) check how they are called with N-API's
 * messages, which differ from V8's for JavaScript classes; programs and tests match on them.
 */

/** Fails as zeromq.js does when more than `count` arguments are given. */
export function expectArguments(args: readonly unknown[], count: number): void {
  if (args.length > count) {
    throw new TypeError(`Expected ${count} argument${count === 1 ? '' : 's'} but received ${args.length}`)
  }
}

/** The message of a native class constructor called without `new`. */
export const withoutNew = "Class constructors cannot be invoked without 'new'"

/**
 * `cls` as a constructor that, called without `new`, throws zeromq.js's TypeError instead of V8's
 * "Class constructor X cannot be invoked without 'new'". Everything else (`new`, `extends`,
 * `instanceof`, statics) reaches `cls` unchanged.
 */
export function requiringNew<T extends abstract new (...args: never[]) => unknown>(cls: T): T {
  return new globalThis.Proxy(cls, {
    apply() {
      throw new TypeError(withoutNew)
    },
  })
}
