/**
 * The body of a `worker_threads` worker in the suite: one zmtp socket living inside the worker. As
 * `reply` it binds, posts its endpoint, answers one request and posts `done`; as `request` it connects to
 * the given endpoint, sends one request and posts the answer.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { Reply, Request } from '@zmtp/patterns'
import { bindEndpoint, closeAll, type Scheme, text, transports } from './harness.js'

/** What the main thread tells a worker. */
export interface WorkerTask {
  role: 'reply' | 'request'
  scheme: Scheme
  endpoint?: string
}

/** What a worker posts back. */
export type WorkerReport =
  | { kind: 'bound'; endpoint: string }
  | { kind: 'answered'; request: string }
  | { kind: 'reply'; reply: string }
  | { kind: 'error'; message: string }

async function main(task: WorkerTask): Promise<void> {
  const post = (report: WorkerReport) => parentPort!.postMessage(report)
  if (task.role === 'reply') {
    const reply = new Reply({ transports: transports() })
    try {
      await reply.bind(bindEndpoint(task.scheme))
      post({ kind: 'bound', endpoint: reply.lastEndpoint! })
      const [asked] = await reply.receive()
      await reply.send(`${text(asked)} answered in a worker`)
      // Let the answer leave before closing: linger 0 would drop it.
      await new Promise((resolve) => reply.events.once('disconnect', resolve))
      post({ kind: 'answered', request: text(asked) })
    } finally {
      closeAll(reply)
    }
    return
  }
  const request = new Request({ transports: transports() })
  try {
    request.connect(task.endpoint!)
    await request.send('request from a worker')
    const [answer] = await request.receive()
    post({ kind: 'reply', reply: text(answer) })
  } finally {
    closeAll(request)
  }
}

main(workerData as WorkerTask).catch((error: unknown) => {
  parentPort!.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) })
})
