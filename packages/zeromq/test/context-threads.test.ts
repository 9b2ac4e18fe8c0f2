/**
 * The default context's options are the process's, as libzmq's default context is: a worker thread
 * sees what the main thread set, and the reverse. Contexts made with `new Context()` are their
 * thread's own. The worker loads the built package by name (run `pnpm build` first, as `test` does).
 */
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import * as zmq from '../src/index.js'

/** Runs `body` (an async function's source, given `zmq`) in a worker; resolves with what it returns. */
function inWorker(body: string): Promise<unknown> {
  const source = `
    const { parentPort } = require('node:worker_threads')
    import('@zmtp/zeromq').then(async (zmq) => parentPort.postMessage(await (${body})(zmq)))
  `
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true })
    let result: unknown
    worker.on('message', (message) => {
      result = message
    })
    worker.on('error', reject)
    worker.on('exit', (code) =>
      code === 0 ? resolve(result) : reject(new Error(`worker exited with ${code}`)),
    )
  })
}

describe('the default context across threads', () => {
  afterEach(() => {
    zmq.context.ioThreads = 1
    zmq.context.blocky = true
  })

  it("shows a worker the main thread's options", async () => {
    zmq.context.ioThreads = 3
    zmq.context.blocky = false
    const seen = await inWorker('async (zmq) => [zmq.context.ioThreads, zmq.context.blocky]')
    expect(seen).toEqual([3, false])
  })

  it("shows the main thread a worker's changes", async () => {
    await inWorker('async (zmq) => { zmq.context.maxSockets = 77 }')
    expect(zmq.context.maxSockets).toBe(77)
    zmq.context.maxSockets = 1023
  })

  it('leaves contexts made with new Context() to their thread', async () => {
    const own = new zmq.Context({ ioThreads: 5 })
    const seen = await inWorker('async (zmq) => new zmq.Context().ioThreads')
    expect([own.ioThreads, seen]).toEqual([5, 1])
  })

  it('stores numbers as C ints, as libzmq does', () => {
    zmq.context.ioThreads = 2.7
    expect(zmq.context.ioThreads).toBe(2)
  })
})
