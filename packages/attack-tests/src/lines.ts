import type { ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

/** A JSON line a child printed on stdout. */
export type Line = { type: string } & Record<string, unknown>

/**
 * Reads a child's stdout as JSON lines: each goes to `onLine`; `next(type)` resolves with the next line of
 * that type, or rejects when the child exits first.
 */
export class LineReader {
  readonly #waiters: { type: string; resolve: (line: Line) => void; reject: (error: Error) => void }[] = []
  #ended = false

  constructor(
    child: ChildProcess,
    readonly name: string,
    onLine: (line: Line) => void = () => {},
  ) {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (text) => {
      let line: Line
      try {
        line = JSON.parse(text) as Line
      } catch {
        return // not ours (a library's warning)
      }
      onLine(line)
      const index = this.#waiters.findIndex((waiter) => waiter.type === line.type)
      if (index >= 0) this.#waiters.splice(index, 1)[0]!.resolve(line)
    })
    child.once('exit', (code, signal) => {
      this.#ended = true
      for (const waiter of this.#waiters.splice(0)) {
        waiter.reject(new Error(`${name} exited (code ${code}, signal ${signal}) before "${waiter.type}"`))
      }
    })
  }

  next(type: string, timeout = 30_000): Promise<Line> {
    if (this.#ended) return Promise.reject(new Error(`${this.name} has exited`))
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name}: no "${type}" within ${timeout} ms`)),
        timeout,
      )
      this.#waiters.push({
        type,
        resolve: (line) => {
          clearTimeout(timer)
          resolve(line)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
    })
  }
}
