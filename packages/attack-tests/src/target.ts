import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { DEBIAN_PYTHON } from '@zmtp/test-peers'
import { type Line, LineReader } from './lines.js'
import { cpuTicks, MIB, statusKib, unreadOctets } from './proc.js'

/** Which echo ROUTER is attacked: ours (`@zmtp/patterns`) or libzmq's (pyzmq), for comparison. */
export type TargetKind = 'ours' | 'libzmq'

/** Options the echo server is started with. */
export interface TargetOptions {
  /** The socket's maxMessageSize (ZMQ_MAXMSGSIZE). */
  maxMessageSize?: number
}

const OUR_SERVER = fileURLToPath(new URL('../servers/echo-router.mjs', import.meta.url))
const LIBZMQ_SERVER = fileURLToPath(new URL('../python/libzmq_router.py', import.meta.url))
/**
 * Heap limit of our server process, in MiB. A leak then ends the process within seconds (a failed
 * attack) instead of pushing a shared CI machine into swap.
 */
const OUR_HEAP_LIMIT_MIB = 1536
const SAMPLE_INTERVAL = 50
/** Window over which {@link Target.settled} measures CPU use, in ms (ticks are 10 ms). */
const SETTLE_WINDOW = 300
/** Longest wait in {@link Target.settled}: a server that stops reading from a flooding peer never drains. */
const SETTLE_CAP = 10_000

/** A running echo server under attack, with its memory watched from outside (`/proc`). */
export class Target {
  readonly tcp: string
  readonly ws: string
  /** Resident memory once bound, before any attack, in MiB. */
  readonly baselineRssMib: number
  #peakRssKib = 0
  readonly #heap: () => number
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
  readonly #sampler: NodeJS.Timeout

  private constructor(
    readonly kind: TargetKind,
    readonly child: ChildProcess,
    ready: Line,
    heap: () => number,
  ) {
    this.#heap = heap
    this.tcp = String(ready.tcp)
    this.ws = String(ready.ws)
    this.baselineRssMib = (statusKib(child.pid!, 'VmRSS') ?? 0) / 1024
    child.once('exit', (code, signal) => {
      this.#exit = { code, signal }
    })
    this.#sampler = setInterval(() => this.#sample(), SAMPLE_INTERVAL)
  }

  static async start(kind: TargetKind, options: TargetOptions = {}): Promise<Target> {
    const json = JSON.stringify(options)
    const child =
      kind === 'ours'
        ? spawn(process.execPath, [`--max-old-space-size=${OUR_HEAP_LIMIT_MIB}`, OUR_SERVER, json], {
            stdio: ['pipe', 'pipe', 'inherit'],
          })
        : spawn(DEBIAN_PYTHON, ['-u', LIBZMQ_SERVER, json], { stdio: ['pipe', 'pipe', 'inherit'] })
    let peakHeap = 0
    const lines = new LineReader(child, `${kind} echo router`, (line) => {
      if (line.type === 'mem')
        peakHeap = Math.max(peakHeap, Number(line.heapUsed) + Number(line.arrayBuffers))
    })
    try {
      const ready = await lines.next('ready', 20_000)
      return new Target(kind, child, ready, () => peakHeap)
    } catch (error) {
      child.kill('SIGKILL')
      throw error
    }
  }

  /** Whether the process is still running. */
  get alive(): boolean {
    return this.#exit === undefined && this.child.exitCode === null && this.child.signalCode === null
  }

  /** How it ended, if it did. */
  get exit(): string | undefined {
    return this.#exit && `code ${this.#exit.code}, signal ${this.#exit.signal}`
  }

  /** Highest resident memory seen, in MiB (the kernel's high-water mark while alive). */
  get peakRssMib(): number {
    this.#sample()
    return this.#peakRssKib / 1024
  }

  /** Highest JS heap plus array buffers our server reported, in MiB (0 for libzmq). */
  get peakHeapMib(): number {
    return this.#heap() / MIB
  }

  /**
   * Resolves once the server has read everything sent to its ports and then gone quiet (under 10% of a
   * core over SETTLE_WINDOW ms), or after `cap` ms. An attacker's writes complete as soon as the kernel has
   * the bytes, and the server's memory peaks only once it has read and processed them. Unread octets are
   * counted by the kernel, so a server starved of CPU on a loaded machine is not taken for a quiet one.
   */
  async settled(cap = SETTLE_CAP): Promise<void> {
    const deadline = Date.now() + cap
    const ports = [this.tcp, this.ws].map((endpoint) =>
      Number(new URL(endpoint.replace(/^tcp:/, 'http:')).port),
    )
    const wait = () => new Promise((resolve) => setTimeout(resolve, SETTLE_WINDOW))
    while (this.alive && Date.now() < deadline && ports.some((port) => unreadOctets(port) > 0)) await wait()
    let before = cpuTicks(this.child.pid!)
    while (before !== undefined && Date.now() < deadline) {
      await wait()
      const now = cpuTicks(this.child.pid!)
      if (now === undefined || now - before <= SETTLE_WINDOW / 100) return
      before = now
    }
  }

  /** Closes stdin (the server exits) and kills it if it lingers. */
  async stop(): Promise<void> {
    clearInterval(this.#sampler)
    this.#sample()
    if (!this.alive) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.stdin!.end()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000)
    await exited
    clearTimeout(timer)
  }

  #sample(): void {
    const hwm = statusKib(this.child.pid!, 'VmHWM')
    if (hwm !== undefined && this.alive) this.#peakRssKib = Math.max(this.#peakRssKib, hwm)
  }
}
