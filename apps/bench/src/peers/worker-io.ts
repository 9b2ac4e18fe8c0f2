/**
 * The worker side of the line protocol between the bench runner and its child processes. The runner
 * passes the worker's settings as one JSON argument, reads JSON lines from the worker's stdout (`ready`,
 * `result`, `error`) and writes command lines to its stdin. Closing stdin tells the worker to stop: a
 * worker must never decide on its own when its peer is done with it.
 */
import { createInterface } from 'node:readline'

/** What a worker reports; `type` says which message it is, the rest is the case's own data. */
export interface WorkerMessage {
  type: string
  [key: string]: unknown
}

/** The settings the runner gave this worker. */
export function settings<T>(): T {
  const raw = process.argv[2]
  if (raw === undefined) throw new Error('worker started without its settings argument')
  return JSON.parse(raw) as T
}

export function emit(message: WorkerMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`)
}

const commandWaiters = new Map<string, () => void>()
const received = new Set<string>()
let stopRequested: () => void = () => {}
let stopSeen = false

/** Resolves when the runner closes our stdin. */
export const stopped = new Promise<void>((resolve) => {
  stopRequested = resolve
})

const lines = createInterface({ input: process.stdin })
lines.on('line', (line) => {
  const command = line.trim()
  received.add(command)
  commandWaiters.get(command)?.()
  commandWaiters.delete(command)
})
lines.on('close', () => {
  stopSeen = true
  stopRequested()
})

/** True once the runner has closed our stdin; for loops that must not await. */
export function isStopped(): boolean {
  return stopSeen
}

/** Resolves when the runner sends `command` (at once if it already has). */
export function command(name: string): Promise<void> {
  if (received.has(name)) return Promise.resolve()
  return new Promise((resolve) => commandWaiters.set(name, resolve))
}

/** True once `command` has arrived; for loops that must not await. */
export function hasCommand(name: string): boolean {
  return received.has(name)
}

/** Runs the worker's body, reporting a failure as an `error` line and a non-zero exit. */
export function runWorker(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      emit({
        type: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      })
      process.exit(1)
    },
  )
}

/** Resident set size after a full collection, so that garbage does not count as memory in use. */
export function settledRss(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) {
    gc()
    gc()
  }
  return process.memoryUsage.rss()
}

export const now = (): bigint => process.hrtime.bigint()

/** Gives the event loop a turn, so that I/O callbacks run (setImmediate, not a microtask). */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
