import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { DEBIAN_PYTHON } from '@zmtp/test-peers'
import { LineReader } from './lines.js'

const SCRIPT = fileURLToPath(new URL('../python/good_peer.py', import.meta.url))

/** What the good peer saw during an attack. */
export interface GoodPeerSummary {
  /** Round trips answered within the bound. */
  count: number
  /** Round trips with no answer within the bound. */
  timeouts: number
  /** Slowest answered round trip during the attack, in ms. */
  maxMs: number
  /** Of the last few round trips after the attack, how many were answered. */
  finalOk: number
}

/** A libzmq DEALER (pyzmq) doing echo round trips with the server throughout an attack. */
export class GoodPeer {
  private constructor(
    readonly child: ChildProcess,
    readonly lines: LineReader,
  ) {}

  /** Connects to `endpoint` and resolves after its first round trip (or its timeout). */
  static async start(endpoint: string, boundMs: number): Promise<GoodPeer> {
    const child = spawn(DEBIAN_PYTHON, ['-u', SCRIPT, endpoint, String(boundMs)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    const lines = new LineReader(child, 'good peer')
    try {
      await lines.next('ready', boundMs + 20_000)
    } catch (error) {
      child.kill('SIGKILL')
      throw error
    }
    return new GoodPeer(child, lines)
  }

  /** Asks for the summary; the peer does its last round trips first, then exits. */
  async stop(boundMs: number): Promise<GoodPeerSummary> {
    const summary = this.lines.next('summary', 4 * boundMs + 10_000)
    this.child.stdin!.write('stop\n')
    try {
      const line = await summary
      return {
        count: Number(line.count),
        timeouts: Number(line.timeouts),
        maxMs: Number(line.max_ms),
        finalOk: Number(line.final_ok),
      }
    } finally {
      this.child.stdin!.end()
      if (this.child.exitCode === null) this.child.kill('SIGKILL')
    }
  }
}
