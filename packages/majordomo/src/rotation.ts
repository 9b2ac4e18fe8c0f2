/** Endpoints tried in turn, Freelance-style: each new socket goes to the next one of the list. */
export class Rotation {
  readonly #endpoints: string[]
  #next = 0
  /** The endpoint of the current socket ('' before the first). */
  current = ''

  constructor(endpoints: string | string[], what: string) {
    this.#endpoints = Array.isArray(endpoints) ? [...endpoints] : [endpoints]
    if (this.#endpoints.length === 0) throw new RangeError(`at least one ${what} endpoint is needed`)
  }

  /** Moves to the next endpoint and returns it. */
  advance(): string {
    this.current = this.#endpoints[this.#next++ % this.#endpoints.length]!
    return this.current
  }

  /** The endpoint the next `advance()` returns. */
  peek(): string {
    return this.#endpoints[this.#next % this.#endpoints.length]!
  }
}

/** Runs tasks one at a time in call order; a failed task does not stop the ones after it. */
export class Serial {
  #chain: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(task)
    this.#chain = run.catch(() => {})
    return run
  }
}
