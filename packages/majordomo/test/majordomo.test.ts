import { Subscriber } from '@zmtp/patterns'
import { tcp } from '@zmtp/transport-tcp'
import { ws } from '@zmtp/transport-ws'
import protobuf from 'protobufjs'
import { describe, expect, it } from 'vitest'
import {
  Broker,
  BrokerRejectedError,
  type BrokerStats,
  Client,
  MajordomoErrorCode,
  type ProtobufType,
  protobufCodec,
  RequestTimeoutError,
  typedService,
  Worker,
} from '../src/index.js'
import { cleanupsAfterEach, echo, strings } from './helpers.js'

const transports = [tcp()]
const fast = { transports, heartbeatInterval: 100 }
const cleanups = cleanupsAfterEach()

async function broker(options: ConstructorParameters<typeof Broker>[0] = {}): Promise<string> {
  const b = new Broker({ ...fast, ...options })
  cleanups.push(() => b.close())
  return b.bind('tcp://127.0.0.1:*')
}
function worker(
  endpoint: string,
  service: string,
  options: ConstructorParameters<typeof Worker>[2] = {},
): Worker {
  const w = new Worker(endpoint, service, { ...fast, ...options })
  cleanups.push(() => w.close())
  return w
}
function client(endpoint: string | string[], options: ConstructorParameters<typeof Client>[1] = {}): Client {
  const c = new Client(endpoint, { transports, timeout: 2000, ...options })
  cleanups.push(() => c.close())
  return c
}

describe('Majordomo broker, worker and client', () => {
  it('routes requests by service name', async () => {
    const endpoint = await broker()
    void echo(worker(endpoint, 'echo'))
    void echo(worker(endpoint, 'upper'), (body) =>
      strings(body).map((s) => new TextEncoder().encode(s.toUpperCase())),
    )
    const c = client(endpoint)
    expect(strings(await c.request('echo', ['a', 'b']))).toEqual(['a', 'b'])
    expect(strings(await c.request('upper', 'hello'))).toEqual(['HELLO'])
  })

  it('queues requests until a worker for the service arrives', async () => {
    const endpoint = await broker()
    const c = client(endpoint)
    const pending = c.request('late', 'x', { timeout: 5000 })
    const b = new Client(endpoint, { transports })
    cleanups.push(() => b.close())
    // The request is queued once the broker counts it; only then does the worker come.
    for (;;) {
      const [, json] = await b.request('mmi.stats', [])
      if (JSON.parse(strings([json!])[0]!).services.late?.queued === 1) break
    }
    void echo(worker(endpoint, 'late'))
    expect(strings(await pending)).toEqual(['x'])
  })

  it('rejects past the queue bound with a typed error', async () => {
    const endpoint = await broker({ maxQueue: 1 })
    const first = client(endpoint).request('nobody', '1', { timeout: 5000 })
    const stats = client(endpoint)
    for (;;) {
      const [, json] = await stats.request('mmi.stats', [])
      if (JSON.parse(strings([json!])[0]!).services.nobody?.queued === 1) break
    }
    const error = await client(endpoint)
      .request('nobody', '2')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BrokerRejectedError)
    expect((error as BrokerRejectedError).code).toBe(MajordomoErrorCode.QueueFull)
    void echo(worker(endpoint, 'nobody'))
    expect(strings(await first)).toEqual(['1'])
  })

  it('expires queued requests when configured', async () => {
    const endpoint = await broker({ requestExpiry: 150 })
    const error = await client(endpoint)
      .request('nobody', '1', { timeout: 5000 })
      .catch((e: unknown) => e)
    expect((error as BrokerRejectedError).code).toBe(MajordomoErrorCode.Expired)
  })

  it('answers MMI queries', async () => {
    const endpoint = await broker()
    const w = worker(endpoint, 'echo')
    void echo(w)
    const c = client(endpoint)
    expect(strings(await c.request('echo', 'ready?'))).toEqual(['ready?'])
    expect(strings(await c.request('mmi.service', 'echo'))).toEqual(['200'])
    expect(strings(await c.request('mmi.service', 'absent'))).toEqual(['404'])
    expect(strings(await c.request('mmi.services', []))).toEqual(['200', 'echo'])
    expect(strings(await c.request('mmi.nonsense', []))).toEqual(['501'])
    const [status, json] = await c.request('mmi.stats', [])
    expect(strings([status!])).toEqual(['200'])
    const stats = JSON.parse(strings([json!])[0]!)
    expect(stats.services.echo).toMatchObject({ workers: 1, idle: 1, queued: 0, inFlight: 0, answered: 1 })
  })

  it('streams MDP/0.2 partial replies to the client', async () => {
    const endpoint = await broker()
    const w = worker(endpoint, 'count')
    void (async () => {
      for await (const request of w) {
        for (let i = 1; i <= 3; i++) await request.partial(String(i))
        await request.reply('done')
      }
    })()
    const partials: string[] = []
    const final = await client(endpoint).request('count', 'go', {
      onPartial: (body) => partials.push(...strings(body)),
    })
    expect(partials).toEqual(['1', '2', '3'])
    expect(strings(final)).toEqual(['done'])
  })

  it('serves MDP/0.1 clients and workers beside 0.2 ones', async () => {
    const endpoint = await broker()
    void echo(worker(endpoint, 'old', { version: '0.1' }))
    void echo(worker(endpoint, 'new'))
    const old = client(endpoint, { version: '0.1' })
    expect(strings(await old.request('new', 'to 0.2'))).toEqual(['to 0.2'])
    expect(strings(await client(endpoint).request('old', 'to 0.1'))).toEqual(['to 0.1'])
  })

  it('spreads requests over several workers of one service', async () => {
    const endpoint = await broker()
    const seen = new Set<string>()
    for (const name of ['w1', 'w2', 'w3']) {
      const w = worker(endpoint, 'who')
      void (async () => {
        for await (const request of w) {
          seen.add(name)
          await request.reply(name)
        }
      })()
    }
    const clients = Array.from({ length: 6 }, () => client(endpoint))
    // Hold every worker busy at once: the broker must hand the requests to different workers.
    const replies = await Promise.all(clients.map((c, i) => c.request('who', String(i))))
    expect(replies).toHaveLength(6)
    expect(seen.size).toBeGreaterThan(1)
  })

  it('rejects with RequestTimeoutError after its retries, naming each broker tried', async () => {
    const a = await broker()
    const b = await broker()
    const error = await client([a, b], { timeout: 100, retries: 2 })
      .request('nobody', 'x')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RequestTimeoutError)
    expect((error as RequestTimeoutError).attempts).toBe(3)
    expect((error as RequestTimeoutError).endpoints).toEqual([a, b, a])
  })

  it('fails over to the next broker when the first is silent', async () => {
    const dead = await broker() // no worker here: requests wait and time out
    const live = await broker()
    void echo(worker(live, 'echo'))
    const reply = await client([dead, live], { timeout: 200, retries: 1 }).request('echo', 'over')
    expect(strings(reply)).toEqual(['over'])
  })

  it('works over ws:// (the transport a browser uses)', async () => {
    const b = new Broker({ transports: [ws()], heartbeatInterval: 100 })
    cleanups.push(() => b.close())
    const endpoint = await b.bind('ws://127.0.0.1:*/mdp')
    const w = new Worker(endpoint, 'echo', { transports: [ws()], heartbeatInterval: 100 })
    cleanups.push(() => w.close())
    void echo(w)
    const c = new Client(endpoint, { transports: [ws()], timeout: 2000 })
    cleanups.push(() => c.close())
    expect(strings(await c.request('echo', 'over ws'))).toEqual(['over ws'])
  })

  it('publishes its stats on the monitor feed', async () => {
    const b = new Broker(fast)
    cleanups.push(() => b.close())
    const endpoint = await b.bind('tcp://127.0.0.1:*')
    const feed = await b.bindMonitor('tcp://127.0.0.1:*', 50)
    void echo(worker(endpoint, 'echo'))
    await client(endpoint).request('echo', 'x')
    const sub = new Subscriber({ transports })
    cleanups.push(() => sub.close())
    sub.connect(feed)
    sub.subscribe('mdp.stats')
    for await (const [topic, json] of sub) {
      expect(strings([topic!])).toEqual(['mdp.stats'])
      const stats = JSON.parse(strings([json!])[0]!) as BrokerStats
      if (stats.services.echo?.answered === 1) {
        expect(stats).toMatchObject({ workers: 1, queued: 0, inFlight: 0, deadLettered: 0 })
        break
      }
    }
  })

  it('types bodies through a protobufjs codec', async () => {
    interface Point {
      x: number
      y: number
    }
    const PointType = new protobuf.Type('Point')
      .add(new protobuf.Field('x', 1, 'int32'))
      .add(new protobuf.Field('y', 2, 'int32')) as unknown as protobuf.Type & ProtobufType<Point>
    const mirror = typedService('mirror', {
      request: protobufCodec(PointType),
      reply: protobufCodec(PointType),
    })
    const endpoint = await broker()
    void mirror.serve(worker(endpoint, 'mirror'), (p) => ({ x: p.y, y: p.x }))
    expect(await mirror.call(client(endpoint), { x: 1, y: 2 })).toEqual({ x: 2, y: 1 })
  })

  it('hands a request on when its worker leaves holding it, and dead-letters it past maxRedeliveries', async () => {
    const b = new Broker({ ...fast, maxRedeliveries: 1 })
    cleanups.push(() => b.close())
    const endpoint = await b.bind('tcp://127.0.0.1:*')
    const c = client(endpoint, { timeout: 5000, retries: 0 })
    const answer = c.request('fragile', 'x')
    // Two workers in turn take the request and leave without answering it.
    for (let i = 0; i < 2; i++) {
      const w = new Worker(endpoint, 'fragile', fast)
      const request = await w.next()
      expect(strings(request!.body)).toEqual(['x'])
      await w.close(0)
    }
    const error = await answer.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BrokerRejectedError)
    expect((error as BrokerRejectedError).code).toBe(MajordomoErrorCode.DeadLetter)
    expect(b.stats().services.fragile).toMatchObject({ deadLettered: 1, queued: 0, workers: 0 })
  })
})
