import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tcp } from '@zmtp/transport-tcp'
import { describe, expect, it } from 'vitest'
import { Broker, Client, Titanic, TitanicClient, Worker } from '../src/index.js'
import { SqliteStore } from '../src/sqlite/index.js'
import { cleanupsAfterEach, pythonPeer, strings } from './helpers.js'

// The Python peers heartbeat every 250 ms (see test/python/mdp_peer.py); ours match it.
const transports = [tcp()]
const heartbeatInterval = 250
const cleanups = cleanupsAfterEach()

async function ourBroker(): Promise<string> {
  const broker = new Broker({ transports, heartbeatInterval })
  cleanups.push(() => broker.close())
  return broker.bind('tcp://127.0.0.1:*')
}
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'titanic-interop-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
/** A worker of ours that answers `re` and the body. */
function ourWorker(endpoint: string, service: string): Worker {
  const worker = new Worker(endpoint, service, { transports, heartbeatInterval })
  cleanups.push(() => worker.close())
  void (async () => {
    for await (const request of worker) await request.reply(['re', ...request.body])
  })()
  return worker
}

describe('Titanic (RFC 9) interop with a Titanic on libzmq (pyzmq)', () => {
  it('our Titanic client and worker, through our broker, served by the Python Titanic', async () => {
    const endpoint = await ourBroker()
    const dir = tempDir()
    await pythonPeer('titanic_peer.py', 'server', endpoint, dir).line('READY')
    ourWorker(endpoint, 'echo')
    const client = new Client(endpoint, { transports, timeout: 5000, retries: 2 })
    cleanups.push(() => client.close())
    const titanic = new TitanicClient(client)

    const ids: string[] = []
    for (let i = 0; i < 10; i++) ids.push(await titanic.submit('echo', ['job', String(i)]))
    expect(new Set(ids).size).toBe(10)
    for (const [i, id] of ids.entries()) {
      let result = await titanic.fetch(id)
      while (result.status === 'pending') result = await titanic.fetch(id)
      expect(result.status).toBe('done')
      expect(strings((result as { reply: Uint8Array[] }).reply)).toEqual(['re', 'job', String(i)])
      await titanic.close(id)
      expect((await titanic.fetch(id)).status).toBe('unknown')
    }
    // The Python Titanic forgot every closed request: nothing is left on its disk.
    expect(readdirSync(dir)).toEqual([])
    expect((await titanic.fetch('no-such-id')).status).toBe('unknown')
  })

  it('a Python Titanic client, through our broker, served by our Titanic (SQLite) and our worker', async () => {
    const endpoint = await ourBroker()
    const store = new SqliteStore(join(tempDir(), 'titanic.db'))
    const server = new Titanic(endpoint, store, { transports, heartbeatInterval })
    cleanups.push(async () => {
      await server.close()
      await store.close()
    })
    // The Python client expects its own body back: this worker echoes it unchanged.
    const echo = new Worker(endpoint, 'echo', { transports, heartbeatInterval })
    cleanups.push(() => echo.close())
    void (async () => {
      for await (const request of echo) await request.reply(request.body)
    })()
    expect(await pythonPeer('titanic_peer.py', 'client', endpoint, 'echo', '20').line('')).toBe('OK 20')
  })
})
