import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { createInterface } from 'node:readline'
import { LibzmqError, PeerExitedError } from './errors.js'
import type { Requester } from './wire.js'

/** How a peer process ended. */
export interface PeerExit {
  /** Exit status, or `null` when a signal ended the process. */
  code: number | null
  /** The signal that ended the process, if any. */
  signal: NodeJS.Signals | null
}

interface Pending {
  op: string
  resolve: (result: unknown) => void
  reject: (error: Error) => void
  guard: NodeJS.Timeout | undefined
}

interface Answer {
  id: number
  ok: boolean
  result?: unknown
  error?: string
  errno?: string | null
}

/** Enough of the peer's stderr to explain a crash without keeping a chatty peer's whole log. */
const STDERR_KEEP = 4096

/**
 * JSON-lines requests to one peer process. Answers are matched by id because the peer answers a
 * parked receive only when it completes, possibly after later requests.
 */
export class Channel implements Requester {
  /** Settles once the process has ended, for whatever reason. */
  readonly exited: Promise<PeerExit>
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private stderr = ''
  private exit: PeerExit | undefined

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly guardMs: number,
  ) {
    // Errors after spawn (a kill racing the exit) must not crash the test; 'close' reports the end.
    child.on('error', () => {})
    createInterface({ input: child.stdout }).on('line', (line) => this.onLine(line))
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEEP)
    })
    // A dead peer makes writes fail with EPIPE; the exit handler reports that better.
    child.stdin.on('error', () => {})
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.exit = { code, signal }
        this.rejectAll(this.exitError())
        resolve(this.exit)
      })
    })
  }

  /** The peer's stderr so far (truncated to the last few kilobytes). */
  get errorOutput(): string {
    return this.stderr
  }

  get alive(): boolean {
    return this.exit === undefined
  }

  request(op: string, params: Record<string, unknown>, waitMs = 0): Promise<unknown> {
    if (this.exit) return Promise.reject(this.exitError())
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const guard = Number.isFinite(waitMs)
        ? setTimeout(() => this.timeOut(id), waitMs + this.guardMs)
        : undefined
      this.pending.set(id, { op, resolve, reject, guard })
      this.child.stdin.write(`${JSON.stringify({ ...params, id, op })}\n`)
    })
  }

  private onLine(line: string): void {
    let answer: Answer
    try {
      answer = JSON.parse(line) as Answer
    } catch {
      // Stray output (a library warning on stdout) is not an answer; keep it for diagnostics.
      this.stderr = `${this.stderr}${line}\n`.slice(-STDERR_KEEP)
      return
    }
    const pending = this.settle(answer.id)
    if (!pending) return
    if (answer.ok) pending.resolve(answer.result)
    else
      pending.reject(new LibzmqError(pending.op, answer.error ?? 'unknown error', answer.errno ?? undefined))
  }

  private timeOut(id: number): void {
    const pending = this.settle(id)
    pending?.reject(new Error(`libzmq peer did not answer ${pending.op} in time (is it stuck?)`))
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id)
    if (!pending) return undefined
    this.pending.delete(id)
    clearTimeout(pending.guard)
    return pending
  }

  private rejectAll(error: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(error)
  }

  private exitError(): PeerExitedError {
    const exit = this.exit ?? { code: null, signal: null }
    return new PeerExitedError(exit.code, exit.signal, exit.signal ? '' : this.stderr)
  }
}
