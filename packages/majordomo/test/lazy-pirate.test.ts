import { Reply, Router } from '@zmtp/patterns'
import { tcp } from '@zmtp/transport-tcp'
import { describe, expect, it } from 'vitest'
import { LazyPirate, MajordomoErrorCode, RequestTimeoutError } from '../src/index.js'
import { cleanupsAfterEach, strings } from './helpers.js'

const transports = [tcp()]
const cleanups = cleanupsAfterEach()

/** A Reply server answering `name:request`. */
async function server(name: string): Promise<string> {
  const reply = new Reply({ transports, linger: 0 })
  cleanups.push(() => reply.close())
  await reply.bind('tcp://127.0.0.1:*')
  void (async () => {
    try {
      for await (const [body] of reply) await reply.send(`${name}:${strings([body!])[0]}`)
    } catch {}
  })()
  return reply.lastEndpoint!
}

/** A Router that takes requests and never answers them, handing each to `onRequest`. */
async function silent(
  onRequest?: (message: Uint8Array[]) => void,
): Promise<{ endpoint: string; router: Router }> {
  const router = new Router({ transports, linger: 0 })
  cleanups.push(() => router.close())
  await router.bind('tcp://127.0.0.1:*')
  void (async () => {
    try {
      for await (const message of router) onRequest?.(message)
    } catch {}
  })()
  return { endpoint: router.lastEndpoint!, router }
}

function pirate(servers: string[], timeout = 150, retries = 2): LazyPirate {
  const client = new LazyPirate(servers, { transports, timeout, retries })
  cleanups.push(() => client.close())
  return client
}

describe('Lazy Pirate', () => {
  it('gets a reply from a live server', async () => {
    const client = pirate([await server('a')])
    expect(strings(await client.request('1'))).toEqual(['a:1'])
    expect(strings(await client.request('2'))).toEqual(['a:2'])
  })

  it('fails over to the next server when one is silent, and stays there', async () => {
    const dead = await silent()
    const live = await server('b')
    const client = pirate([dead.endpoint, live])
    expect(strings(await client.request('1'))).toEqual(['b:1'])
    expect(client.server).toBe(live)
    expect(strings(await client.request('2'))).toEqual(['b:2'])
  })

  it('rejects with RequestTimeoutError once every try timed out', async () => {
    const a = await silent()
    const b = await silent()
    const error = await pirate([a.endpoint, b.endpoint], 100, 2)
      .request('x')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RequestTimeoutError)
    expect((error as RequestTimeoutError).code).toBe(MajordomoErrorCode.Timeout)
    expect((error as RequestTimeoutError).endpoints).toEqual([a.endpoint, b.endpoint, a.endpoint])
  })

  it('resets its socket between tries, so a late reply to an old try is never taken for a new one', async () => {
    const held: Uint8Array[][] = []
    let arrived: () => void = () => {}
    const slow = await silent((message) => {
      held.push(message)
      arrived()
    })
    const client = pirate([slow.endpoint], 100, 1)
    const first = client.request('old')
    await new Promise<void>((resolve) => (arrived = resolve))
    // Both tries reach the server (each from a fresh socket: a new routing id) before it answers.
    await new Promise<void>((resolve) => (arrived = resolve))
    await expect(first).rejects.toBeInstanceOf(RequestTimeoutError)
    const [oldId] = held[0]!
    const [newId] = held[1]!
    expect(Buffer.from(oldId!).toString('hex')).not.toBe(Buffer.from(newId!).toString('hex'))
    const next = client.request('new')
    await new Promise<void>((resolve) => (arrived = resolve))
    // Answer the stale tries first; only the answer to the live socket may resolve the request.
    await slow.router.send([oldId!, '', 'stale-1'])
    await slow.router.send([newId!, '', 'stale-2'])
    const [liveId] = held[2]!
    await slow.router.send([liveId!, '', 'fresh'])
    expect(strings(await next)).toEqual(['fresh'])
  })
})
