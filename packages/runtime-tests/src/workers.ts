/**
 * Sockets inside `worker_threads`: a Request/Reply pair across two workers of one process, and a
 * worker's socket talking to the main thread's, over a real transport (not inproc, which is per thread).
 */
import { Worker } from 'node:worker_threads'
import { Reply, Request } from '@zmtp/patterns'
import { bindEndpoint, closeAll, expectEqual, text, transports, within } from './harness.js'
import type { WorkerReport, WorkerTask } from './worker-peer.js'

const WAIT = 15_000

/** A worker running worker-peer.js, with its reports as a queue to await. */
class PeerWorker {
  readonly #worker: Worker
  readonly #reports: WorkerReport[] = []
  readonly #waiting: Array<(report: WorkerReport) => void> = []

  constructor(task: WorkerTask) {
    this.#worker = new Worker(new URL('./worker-peer.js', import.meta.url), { workerData: task })
    this.#worker.on('message', (report: WorkerReport) => this.#push(report))
    this.#worker.on('error', (error) => this.#push({ kind: 'error', message: error.message }))
  }

  #push(report: WorkerReport): void {
    const waiter = this.#waiting.shift()
    if (waiter) waiter(report)
    else this.#reports.push(report)
  }

  /** The next report; a report of an error in the worker rejects. */
  async next(what: string): Promise<WorkerReport> {
    const queued = this.#reports.shift()
    const report = await within(
      WAIT,
      what,
      queued ? Promise.resolve(queued) : new Promise<WorkerReport>((resolve) => this.#waiting.push(resolve)),
    )
    if (report.kind === 'error') throw new Error(`${what}: the worker failed: ${report.message}`)
    return report
  }

  async stop(): Promise<void> {
    await this.#worker.terminate()
  }
}

/** Worker A binds a Reply, worker B connects a Request to it. */
export async function acrossWorkers(scheme: 'tcp' | 'ws'): Promise<void> {
  const replier = new PeerWorker({ role: 'reply', scheme })
  let requester: PeerWorker | undefined
  try {
    const bound = await replier.next('reply worker bound')
    if (bound.kind !== 'bound') throw new Error(`unexpected report ${JSON.stringify(bound)}`)
    requester = new PeerWorker({ role: 'request', scheme, endpoint: bound.endpoint })
    expectEqual(
      await requester.next('request worker answered'),
      { kind: 'reply', reply: 'request from a worker answered in a worker' },
      'reply in worker B',
    )
    expectEqual(
      await replier.next('reply worker done'),
      { kind: 'answered', request: 'request from a worker' },
      'A',
    )
  } finally {
    await requester?.stop()
    await replier.stop()
  }
}

/** The main thread's Reply binds; a worker's Request connects to it. */
export async function workerToMain(scheme: 'tcp' | 'ws'): Promise<void> {
  const reply = new Reply({ transports: transports() })
  let worker: PeerWorker | undefined
  try {
    await reply.bind(bindEndpoint(scheme))
    worker = new PeerWorker({ role: 'request', scheme, endpoint: reply.lastEndpoint! })
    const [asked] = await within(WAIT, 'main reply.receive', reply.receive())
    expectEqual(text(asked), 'request from a worker', 'request in main')
    await reply.send('answered by main')
    expectEqual(
      await worker.next('worker got the answer'),
      { kind: 'reply', reply: 'answered by main' },
      'worker',
    )
  } finally {
    closeAll(reply)
    await worker?.stop()
  }
}

/** A worker's Reply binds; the main thread's Request connects to it. */
export async function mainToWorker(scheme: 'tcp' | 'ws'): Promise<void> {
  const worker = new PeerWorker({ role: 'reply', scheme })
  const request = new Request({ transports: transports() })
  try {
    const bound = await worker.next('reply worker bound')
    if (bound.kind !== 'bound') throw new Error(`unexpected report ${JSON.stringify(bound)}`)
    request.connect(bound.endpoint)
    await request.send('from main')
    const [answer] = await within(WAIT, 'main request.receive', request.receive())
    expectEqual(text(answer), 'from main answered in a worker', 'answer')
  } finally {
    closeAll(request)
    await worker.stop()
  }
}
