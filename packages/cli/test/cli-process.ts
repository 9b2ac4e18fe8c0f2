import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The built bin, run as a user runs it. */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

const running = new Set<ChildProcessWithoutNullStreams>()
/** The same processes as CliProcess objects, for describeRunning. */
const live = new Set<CliProcess>()

/** How a spawned `zmtp` ended. */
export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

/** A spawned `zmtp` with its output collected, and waits on that output (never on the clock). */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams
  readonly exited: Promise<Exit>
  #stdout = Buffer.alloc(0)
  #stderr = ''
  #waiters: (() => void)[] = []
  #closed = false
  readonly #args: readonly string[]

  constructor(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } })
    running.add(this.child)
    this.#args = args
    live.add(this)
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.#stdout = Buffer.concat([this.#stdout, chunk])
      this.#wake()
    })
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr += chunk.toString()
      this.#wake()
    })
    this.child.stdin.on('error', () => {})
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        running.delete(this.child)
        live.delete(this)
        this.#closed = true
        this.#wake()
        resolve({ code, signal })
      })
    })
  }

  get stdout(): Buffer {
    return this.#stdout
  }

  get stderr(): string {
    return this.#stderr
  }

  /** The stdout lines so far (complete lines only). */
  get lines(): string[] {
    const text = this.#stdout.toString()
    const lines = text.split('\n')
    lines.pop()
    return lines
  }

  /** Resolves once `ready()` holds; rejects if the process exits first. */
  async until(ready: () => boolean, what: string): Promise<void> {
    while (!ready()) {
      if (this.#closed) throw new Error(`zmtp exited before ${what}; stderr: ${this.#stderr}`)
      await new Promise<void>((resolve) => this.#waiters.push(resolve))
    }
  }

  /** Waits for `n` stdout lines. */
  async waitLines(n: number): Promise<string[]> {
    await this.until(() => this.lines.length >= n, `${n} lines of output`)
    return this.lines
  }

  /** Waits for the `... bound URL` note and returns the URL (the real port of a `*` bind). */
  async bound(): Promise<string> {
    const pattern = /bound (\S+)/
    await this.until(() => pattern.test(this.#stderr), 'it bound')
    return pattern.exec(this.#stderr)![1]!
  }

  /** Waits for `pattern` on stderr. */
  async waitStderr(pattern: RegExp): Promise<void> {
    await this.until(() => pattern.test(this.#stderr), `stderr matched ${pattern}`)
  }

  write(data: string | Uint8Array): void {
    this.child.stdin.write(data)
  }

  end(data?: string | Uint8Array): void {
    this.child.stdin.end(data)
  }

  /** Its command line and stderr so far. */
  describe(): string {
    return `zmtp ${this.#args.join(' ')} (pid ${this.child.pid}), stderr:\n${this.#stderr}`
  }

  #wake(): void {
    const waiters = this.#waiters
    this.#waiters = []
    for (const wake of waiters) wake()
  }
}

/** What each `zmtp` still running was started with and has written to stderr (for a failed test's report). */
export function describeRunning(): string {
  return [...live].map((cli) => cli.describe()).join('\n')
}

/** Spawns `zmtp args...`. */
export function zmtp(...args: string[]): CliProcess {
  return new CliProcess(args)
}

/** Kills every `zmtp` a test spawned that is still running, by its PID. */
export async function killAll(): Promise<void> {
  const left = [...running]
  for (const child of left) {
    try {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL')
    } catch (error) {
      // Exited between the check and the kill: nothing left to end.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
    }
  }
  await Promise.all(left.map((child) => new Promise((resolve) => child.once('close', resolve))))
}

/** Spawns `zmtp args...` with `input` on stdin and waits for it to exit. */
export async function runToEnd(args: string[], input = ''): Promise<{ exit: Exit; cli: CliProcess }> {
  const cli = new CliProcess(args)
  cli.end(input)
  return { exit: await cli.exited, cli }
}
