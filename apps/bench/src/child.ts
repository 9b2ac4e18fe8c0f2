/**
 * The runner's side of the worker line protocol: starts a worker process, waits for its JSON lines, and
 * makes sure it is gone afterwards. Every process started here is tracked by PID and killed on the way
 * out, whatever way that is (failure, Ctrl-C), so no benchmark leaves a peer running.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { WorkerMessage } from './peers/worker-io.js'

const live = new Set<ChildProcess>()

function killAll(): void {
  for (const child of live) if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL')
  live.clear()
}

process.on('exit', killAll)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll()
    process.exit(130)
  })
}

/** Keeps this much of a worker's stderr, for the error message when it fails. */
const STDERR_KEPT = 4000

export class Worker {
  readonly #child: ChildProcess
  readonly #label: string
  readonly #queue: WorkerMessage[] = []
  #waiter: (() => void) | null = null
  #stderr = ''
  #exited: Promise<number | null>
  #exitCode: number | null | undefined = undefined

  constructor(command: string, args: string[], label: string, env?: NodeJS.ProcessEnv) {
    this.#label = label
    this.#child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...(env ? { env } : {}) })
    live.add(this.#child)
    this.#exited = new Promise((resolve) => {
      this.#child.on('exit', (code) => {
        live.delete(this.#child)
        this.#exitCode = code
        this.#waiter?.()
        resolve(code)
      })
    })
    this.#child.on('error', (error) => {
      this.#stderr += `\n${error.message}`
      this.#exitCode = -1
      this.#waiter?.()
    })
    this.#child.stdin!.on('error', () => {})
    this.#child.stderr!.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-STDERR_KEPT)
    })
    createInterface({ input: this.#child.stdout! }).on('line', (line) => {
      let message: WorkerMessage
      try {
        message = JSON.parse(line) as WorkerMessage
      } catch {
        return // stray output from a library is not part of the protocol
      }
      this.#queue.push(message)
      this.#waiter?.()
    })
  }

  /**
   * Starts a Node worker from dist/peers (with gc exposed, for memory readings). BENCH_NODE_FLAGS adds
   * flags, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile every worker. `env`: the worker's
   * environment, when not this process's.
   */
  static node(script: string, settings: object, label: string, env?: NodeJS.ProcessEnv): Worker {
    const extra = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)
    const args = ['--expose-gc', ...extra, script, JSON.stringify(settings)]
    return new Worker(process.execPath, args, label, env)
  }

  /** Waits for the worker's next line of `type`; rejects on an `error` line, an early exit or a timeout. */
  async next(type: string, timeoutMs: number): Promise<WorkerMessage> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const index = this.#queue.findIndex((m) => m.type === type || m.type === 'error')
      if (index >= 0) {
        const [message] = this.#queue.splice(index, 1)
        if (message!.type === 'error') throw new Error(`${this.#label}: ${String(message!.message)}`)
        return message!
      }
      if (this.#exitCode !== undefined) {
        throw new Error(`${this.#label} exited (${this.#exitCode}) before '${type}'${this.#tail()}`)
      }
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`${this.#label}: no '${type}' within ${timeoutMs} ms${this.#tail()}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.#waiter = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.#waiter = null
    }
  }

  /** Sends a command line. */
  command(name: string): void {
    this.#child.stdin!.write(`${name}\n`)
  }

  /** Asks the worker to stop (closes its stdin), and kills it if it has not exited within `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.#exitCode !== undefined) return
    this.#child.stdin!.end()
    const timer = setTimeout(() => {
      if (this.#child.pid !== undefined && this.#exitCode === undefined) this.#child.kill('SIGKILL')
    }, graceMs)
    await this.#exited
    clearTimeout(timer)
  }

  #tail(): string {
    const tail = this.#stderr.trim()
    return tail ? `\n${tail}` : ''
  }
}

/** Runs `body` with workers it starts, stopping all of them afterwards even when it fails. */
export async function withWorkers<T>(body: (start: (w: Worker) => Worker) => Promise<T>): Promise<T> {
  const started: Worker[] = []
  try {
    return await body((worker) => {
      started.push(worker)
      return worker
    })
  } finally {
    await Promise.all(started.map((worker) => worker.stop()))
  }
}
