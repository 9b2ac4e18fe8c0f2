import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tcp } from '@zmtp/transport-tcp'
import { describe, expect, it } from 'vitest'
import { Broker, Client, Titanic, TitanicClient, Worker } from '../src/index.js'
import { SqliteStore } from '../src/sqlite/index.js'
import { cleanupsAfterEach, echo, node, strings } from './helpers.js'

const transports = [tcp()]
const heartbeatInterval = 100
const cleanups = cleanupsAfterEach()

function tempStore(): string {
  const dir = mkdtempSync(join(tmpdir(), 'titanic-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return join(dir, 'titanic.db')
}
function worker(endpoint: string, service: string, drain?: number): Worker {
  const w = new Worker(endpoint, service, { transports, heartbeatInterval })
  cleanups.push(() => w.close(drain))
  return w
}
function titanicClient(endpoint: string): TitanicClient {
  const client = new Client(endpoint, { transports, timeout: 2000, retries: 10 })
  cleanups.push(() => client.close())
  return new TitanicClient(client)
}
/** Asks for the reply until it is no longer pending. */
async function settle(client: TitanicClient, id: string) {
  for (;;) {
    const result = await client.fetch(id)
    if (result.status !== 'pending') return result
  }
}

async function inProcess(options: ConstructorParameters<typeof Titanic>[2] = {}) {
  const broker = new Broker({ transports, heartbeatInterval })
  cleanups.push(() => broker.close())
  const endpoint = await broker.bind('tcp://127.0.0.1:*')
  const store = new SqliteStore(tempStore())
  cleanups.push(() => store.close())
  const titanic = new Titanic(endpoint, store, { transports, heartbeatInterval, ...options })
  cleanups.push(() => titanic.close())
  return { endpoint, store }
}

describe('Titanic', () => {
  it('stores a request, has it served, returns the reply by id, and forgets it on close', async () => {
    const { endpoint } = await inProcess()
    void echo(worker(endpoint, 'echo'))
    const client = titanicClient(endpoint)
    const id = await client.submit('echo', ['a', 'b'])
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    const result = await settle(client, id)
    expect(result.status).toBe('done')
    expect(strings((result as { reply: Uint8Array[] }).reply)).toEqual(['a', 'b'])
    expect((await client.fetch(id)).status).toBe('done') // titanic.reply is idempotent
    await client.close(id)
    expect((await client.fetch(id)).status).toBe('unknown')
    await client.close(id) // closing an unknown id is fine (RFC 9)
  })

  it('dead-letters a request whose worker never answers, after its tries', async () => {
    const { endpoint, store } = await inProcess({ timeout: 150, maxAttempts: 2 })
    let tries = 0
    // Two workers that take a request each and never answer: each try reaches one of them.
    const stuckWorkers = [worker(endpoint, 'stuck', 0), worker(endpoint, 'stuck', 0)]
    for (const stuck of stuckWorkers) {
      void (async () => {
        for await (const _ of stuck) tries++
      })()
    }
    const client = titanicClient(endpoint)
    const id = await client.submit('stuck', 'x')
    const result = await settle(client, id)
    expect(result.status).toBe('error')
    expect((result as { detail: string }).detail).toMatch(/^500 dead-lettered/)
    const dead = await store.deadLetters()
    expect(dead).toEqual([expect.objectContaining({ id, service: 'stuck', attempts: 2 })])
    // Each try reached a worker. (On a stalled machine the broker may also presume a stuck worker dead and
    // hand its request to the re-registered worker: at-least-once delivery, so more is allowed.)
    expect(tries).toBeGreaterThanOrEqual(2)
  })
})

describe('Titanic across a broker crash', () => {
  it('answers every acknowledged request after a SIGKILL and restart, none twice', {
    timeout: 60_000,
  }, async () => {
    const store = tempStore()
    const args = [
      '--heartbeat',
      String(heartbeatInterval),
      '--titanic-timeout',
      '500',
      '--titanic-attempts',
      '20',
    ]
    const first = node('../../dist/cli/main.js', '--bind', 'tcp://127.0.0.1:*', '--store', store, ...args)
    const endpoint = (await first.line('listening')).split(' ')[1]!
    await first.line('titanic')
    const served = new Map<string, number>()
    const serve = (w: Worker) =>
      (async () => {
        for await (const request of w) {
          const key = strings(request.body)[0]!
          served.set(key, (served.get(key) ?? 0) + 1)
          await request.reply(['re', ...request.body])
        }
      })()
    const client = titanicClient(endpoint)
    const total = 100
    const ids: string[] = []
    // The first half is served before the crash; the second half arrives with no worker and stays pending.
    const before = worker(endpoint, 'echo')
    void serve(before)
    for (let i = 0; i < total / 2; i++) ids.push(await client.submit('echo', String(i)))
    expect((await settle(client, ids[0]!)).status).toBe('done')
    await before.close()
    for (let i = total / 2; i < total; i++) ids.push(await client.submit('echo', String(i)))
    let pending = 0
    for (const id of ids) if ((await client.fetch(id)).status === 'pending') pending++
    expect(pending).toBeGreaterThanOrEqual(total / 2)
    await first.kill('SIGKILL')

    const second = node('../../dist/cli/main.js', '--bind', endpoint, '--store', store, ...args)
    await second.line('titanic')
    void serve(worker(endpoint, 'echo'))
    for (let i = 0; i < total; i++) {
      const result = await settle(client, ids[i]!)
      expect(result.status).toBe('done')
      expect(strings((result as { reply: Uint8Array[] }).reply)).toEqual(['re', String(i)])
      await client.close(ids[i]!)
      // Once closed, the reply is gone: the client cannot be answered a second time.
      expect((await client.fetch(ids[i]!)).status).toBe('unknown')
    }
    // Every request reached the worker at least once (some twice, if the crash came between try and reply).
    expect(served.size).toBe(total)
    await second.kill('SIGTERM')
  })
})
