/**
 * inproc:// between worker threads of one process: sockets in real worker threads (running the built
 * package, see fixtures/scenarios.mjs) bind and connect names that sockets of the main thread, or of
 * another worker, connect and bind. Each worker ends by itself once its sockets are closed.
 */
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { Publisher, Pull, Push, Request, Router, Subscriber } from '../../src/index.js'
import { nextEvent, publishUntilReceived, socketTracker, text, until } from '../helpers.js'

const SCENARIOS = new URL('./fixtures/scenarios.mjs', import.meta.url)

let counter = 0
const uniqueName = () => `inproc://threads-${process.pid}-${++counter}`

interface Running {
  worker: Worker
  /** Resolves with the next message the worker posts. */
  next(): Promise<Record<string, unknown>>
  /** Resolves with the exit code once the thread has ended by itself. */
  exited: Promise<number>
}

describe('inproc between worker threads', () => {
  const { track, cleanup } = socketTracker()
  const workers: Worker[] = []

  afterEach(async () => {
    cleanup()
    await Promise.all(workers.splice(0).map((worker) => worker.terminate()))
  })

  function start(scenario: string, endpoint: string, data: Record<string, unknown> = {}): Running {
    const worker = new Worker(SCENARIOS, { workerData: { scenario, endpoint, ...data } })
    workers.push(worker)
    const inbox: Record<string, unknown>[] = []
    const waiting: ((message: Record<string, unknown>) => void)[] = []
    worker.on('message', (message: Record<string, unknown>) => {
      const resolve = waiting.shift()
      if (resolve) resolve(message)
      else inbox.push(message)
    })
    const exited = new Promise<number>((resolve, reject) => {
      worker.once('exit', resolve)
      worker.once('error', reject)
    })
    return {
      worker,
      next: () => {
        const ready = inbox.shift()
        if (ready) return Promise.resolve(ready)
        return Promise.race([
          new Promise<Record<string, unknown>>((resolve) => waiting.push(resolve)),
          exited.then((code) => {
            throw new Error(`worker exited (${code}) before answering`)
          }),
        ])
      },
      exited,
    }
  }

  it('a Request in the main thread talks to a Reply bound in a worker', async () => {
    const endpoint = uniqueName()
    const worker = start('reply', endpoint, { count: 3 })
    expect(await worker.next()).toEqual({ bound: true })
    const request = track(new Request())
    request.connect(endpoint)
    for (let i = 0; i < 3; i++) {
      await request.send(['ping', `${i}`])
      expect(text(await request.receive())).toEqual(['echo', 'ping', `${i}`])
    }
    expect(await worker.exited).toBe(0)
  })

  it('a Push connected before the bind delivers every message in order through small queues', async () => {
    const endpoint = uniqueName()
    const push = track(new Push({ sendHighWaterMark: 2 }))
    push.connect(endpoint)
    const count = 2000
    const sending = (async () => {
      for (let i = 0; i < count; i++) await push.send(`${i}`)
    })()
    const worker = start('pull', endpoint, { count, receiveHighWaterMark: 5 })
    expect(await worker.next()).toEqual({ bound: true })
    await sending
    const { got } = (await worker.next()) as { got: string[] }
    expect(got).toEqual(Array.from({ length: count }, (_, i) => `${i}`))
    expect(await worker.exited).toBe(0)
  })

  it('a Push in a worker that closes at once still delivers what it sent (linger)', async () => {
    const endpoint = uniqueName()
    const pull = track(new Pull({ receiveHighWaterMark: 4 }))
    await pull.bind(endpoint)
    const worker = start('push', endpoint, { count: 300 })
    const got: string[] = []
    for (let i = 0; i < 300; i++) got.push(text(await pull.receive())[0]!)
    expect(got).toEqual(Array.from({ length: 300 }, (_, i) => `${i}`))
    expect(await worker.next()).toEqual({ sent: 300 })
    expect(await worker.exited).toBe(0)
  })

  it.each([
    ['closing its bound socket', 'pullOnce'],
    ['exiting (process.exit) with its bound socket open', 'pullThenExit'],
  ])('a worker %s ends the link in the main thread', async (_, scenario) => {
    const endpoint = uniqueName()
    const worker = start(scenario, endpoint)
    expect(await worker.next()).toEqual({ bound: true })
    const push = track(new Push({ sendTimeout: 0 }))
    push.connect(endpoint)
    await push.send('only')
    expect(await worker.next()).toEqual({ got: ['only'] })
    expect(await worker.exited).toBe(0)
    // Once the close has crossed, the Push has no peer left: a send cannot be queued anywhere.
    await until(() =>
      push.send('after').then(
        () => false,
        (error: { code?: string }) => error.code === 'EAGAIN',
      ),
    )
  })

  it('a worker that connects, sends and closes in one turn still delivers (the link is made first)', async () => {
    const endpoint = uniqueName()
    const pull = track(new Pull())
    await pull.bind(endpoint)
    const worker = start('pushAndClose', endpoint, { count: 3 })
    const got: string[] = []
    for (let i = 0; i < 3; i++) got.push(text(await pull.receive())[0]!)
    expect(got).toEqual(['0', '1', '2'])
    expect(await worker.exited).toBe(0)
  })

  it('a worker that sends to a name nobody binds, then closes, still ends by itself', async () => {
    const worker = start('pushAndClose', uniqueName(), { count: 3 })
    expect(await worker.next()).toEqual({ closed: true })
    expect(await worker.exited).toBe(0)
  })

  it('a Router in the main thread knows Dealers of two workers by their routing ids', async () => {
    const endpoint = uniqueName()
    const router = track(new Router())
    await router.bind(endpoint)
    const one = start('dealer', endpoint, { routingId: 'worker-1' })
    const two = start('dealer', endpoint, { routingId: 'worker-2' })
    const seen = new Set<string>()
    for (let i = 0; i < 2; i++) {
      const [id, ...body] = await router.receive()
      // Parts that crossed threads are Buffers here too, as every received part in Node.
      for (const part of [id, ...body]) expect(Buffer.isBuffer(part)).toBe(true)
      const name = new TextDecoder().decode(id)
      expect(text(body)).toEqual(['hello from', name])
      seen.add(name)
      await router.send([id!, 'welcome', name])
    }
    expect([...seen].sort()).toEqual(['worker-1', 'worker-2'])
    expect(await one.next()).toEqual({ reply: ['welcome', 'worker-1'] })
    expect(await two.next()).toEqual({ reply: ['welcome', 'worker-2'] })
    expect(await one.exited).toBe(0)
    expect(await two.exited).toBe(0)
  })

  it('a worker connects to a name bound in another worker', async () => {
    const endpoint = uniqueName()
    const router = start('router', endpoint)
    expect(await router.next()).toEqual({ bound: true })
    const dealer = start('dealer', endpoint, { routingId: 'sibling' })
    expect(await dealer.next()).toEqual({ reply: ['seen', 'sibling', 'hello from', 'sibling'] })
    expect(await dealer.exited).toBe(0)
    router.worker.postMessage('stop')
    expect(await router.exited).toBe(0)
  })

  it('subscriptions cross threads: a Subscriber gets only its topic from a worker Publisher', async () => {
    const endpoint = uniqueName()
    const publisher = start('publish', endpoint)
    expect(await publisher.next()).toEqual({ bound: true })
    const sub = track(new Subscriber())
    sub.connect(endpoint)
    sub.subscribe('a')
    for (let i = 0; i < 5; i++) expect(text(await sub.receive())[0]).toBe('a')
    publisher.worker.postMessage('stop')
    expect(await publisher.exited).toBe(0)
  })

  it('a Publisher in the main thread reaches a Subscriber of a worker through its subscription', async () => {
    const endpoint = uniqueName()
    const pub = track(new Publisher())
    await pub.bind(endpoint)
    const worker = start('subscribe', endpoint, { topic: 'x' })
    const received = publishUntilReceived(
      async () => {
        await pub.send(['y', 'not this one'])
        await pub.send(['x', 'this one'])
      },
      () => worker.next(),
    )
    expect(await received).toEqual({ got: ['x', 'this one'] })
    expect(await worker.exited).toBe(0)
  })

  it('refuses a second bind of a name another thread holds (EADDRINUSE)', async () => {
    const endpoint = uniqueName()
    const worker = start('bindPush', endpoint)
    expect(await worker.next()).toEqual({ bound: true })
    const pull = track(new Pull())
    // The worker's announcement travels apart from its answer: bind until it has arrived.
    await until(async () => {
      try {
        await pull.bind(endpoint)
        await pull.unbind(endpoint)
        return false
      } catch (error) {
        return (error as { code?: string }).code === 'EADDRINUSE'
      }
    })
    worker.worker.postMessage('stop')
    expect(await worker.exited).toBe(0)
  })

  it('reports a socket type mismatch across threads as a protocol error', async () => {
    const endpoint = uniqueName()
    const worker = start('bindPush', endpoint)
    expect(await worker.next()).toEqual({ bound: true })
    const push = track(new Push())
    const refused = nextEvent(push, 'handshake:error:protocol')
    push.connect(endpoint)
    expect((await refused).error).toMatchObject({ code: 'ERR_SOCKET_TYPE_MISMATCH' })
    worker.worker.postMessage('stop')
    expect(await worker.exited).toBe(0)
  })
})
