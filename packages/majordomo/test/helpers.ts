import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach } from 'vitest'
import type { Worker } from '../src/index.js'

/** A child process the test started, read line by line, killed by PID when the test ends. */
export interface Child {
  process: ChildProcess
  /** Resolves with the next line the child prints that starts with `prefix`. */
  line(prefix?: string): Promise<string>
  /** Kills the child with `signal` and waits until it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>
}

const live = new Set<Child>()

/** Kills every child still running (call from afterEach). */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map((child) => child.kill('SIGKILL')))
}

function track(process: ChildProcess): Child {
  const lines: string[] = []
  const waiters: { prefix: string; resolve: (line: string) => void; reject: (e: Error) => void }[] = []
  let exited = false
  const stdout = createInterface({ input: process.stdout! })
  stdout.on('line', (text) => {
    const index = waiters.findIndex((w) => text.startsWith(w.prefix))
    if (index >= 0) waiters.splice(index, 1)[0]!.resolve(text)
    else lines.push(text)
  })
  let stderr = ''
  process.stderr!.on('data', (chunk) => (stderr += chunk))
  const exit = new Promise<void>((resolve) =>
    process.once('exit', () => {
      exited = true
      live.delete(child)
      for (const w of waiters.splice(0)) w.reject(new Error(`child exited before printing a line: ${stderr}`))
      resolve()
    }),
  )
  const child: Child = {
    process,
    line(prefix = '') {
      const index = lines.findIndex((text) => text.startsWith(prefix))
      if (index >= 0) return Promise.resolve(lines.splice(index, 1)[0]!)
      if (exited) return Promise.reject(new Error(`child has exited: ${stderr}`))
      return new Promise((resolve, reject) => waiters.push({ prefix, resolve, reject }))
    },
    async kill(signal = 'SIGTERM') {
      if (!exited) process.kill(signal)
      await exit
    },
  }
  live.add(child)
  return child
}

/** Starts the Python MDP peer (pyzmq on libzmq) with `args`. */
export function python(...args: string[]): Child {
  return pythonPeer('mdp_peer.py', ...args)
}

/** Starts a Python peer of test/python (pyzmq on libzmq) with `args`. */
export function pythonPeer(script: string, ...args: string[]): Child {
  const path = fileURLToPath(new URL(`./python/${script}`, import.meta.url))
  return track(spawn('/usr/bin/python3', ['-u', path, ...args], { stdio: ['pipe', 'pipe', 'pipe'] }))
}

/** Starts a Node script from test/fixtures (which import the built package) with `args`. */
export function node(fixture: string, ...args: string[]): Child {
  const script = fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url))
  return track(spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] }))
}

/** Serves `service` with `worker`, replying with the request body (an echo), until the worker closes. */
export async function echo(worker: Worker, transform?: (body: Uint8Array[]) => Uint8Array[]): Promise<void> {
  for await (const request of worker) await request.reply(transform ? transform(request.body) : request.body)
}

const decoder = new TextDecoder()
/** Parts as strings. */
export function strings(parts: Uint8Array[]): string[] {
  return parts.map((part) => decoder.decode(part))
}

/**
 * Registers an afterEach that runs the returned list's functions, last first, then kills every child
 * process; tests push a cleanup for each socket, broker or worker they make.
 */
export function cleanupsAfterEach(): (() => unknown)[] {
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
    await killAll()
  })
  return cleanups
}
