import { tcp } from '@zmtp/transport-tcp'
import { describe, expect, it } from 'vitest'
import { Broker, Client, Worker } from '../src/index.js'
import { cleanupsAfterEach, echo, python, strings } from './helpers.js'

// The Python peers heartbeat every 250 ms (see test/python/mdp_peer.py); ours match it.
const transports = [tcp()]
const options = { transports, heartbeatInterval: 250 }
const cleanups = cleanupsAfterEach()

async function ourBroker(): Promise<string> {
  const broker = new Broker(options)
  cleanups.push(() => broker.close())
  return broker.bind('tcp://127.0.0.1:*')
}

describe('interop with MDP peers on libzmq (pyzmq)', () => {
  for (const version of ['0.2', '0.1'] as const) {
    it(`our broker serves a Python MDP/${version} client and worker`, async () => {
      const endpoint = await ourBroker()
      const worker = python('worker', endpoint, 'echo', version)
      await worker.line('READY')
      const client = python('client', endpoint, 'echo', version, '20')
      // 0.2 workers send one PARTIAL per request: the client must have seen all 20 of them.
      expect(await client.line('')).toBe(version === '0.2' ? 'OK 20 20' : 'OK 20 0')
    })
  }

  it('our client reaches a Python worker through our broker, partials included', async () => {
    const endpoint = await ourBroker()
    await python('worker', endpoint, 'echo', '0.2').line('READY')
    const client = new Client(endpoint, { transports, timeout: 5000 })
    cleanups.push(() => client.close())
    const partials: string[] = []
    const reply = await client.request('echo', ['x', 'y'], {
      onPartial: (body) => partials.push(...strings(body)),
    })
    expect(strings(reply)).toEqual(['x', 'y'])
    expect(partials).toEqual(['part'])
  })

  it('a Python client reaches our worker through our broker', async () => {
    const endpoint = await ourBroker()
    const worker = new Worker(endpoint, 'echo', options)
    cleanups.push(() => worker.close())
    void echo(worker)
    expect(await python('client', endpoint, 'echo', '0.2', '20').line('')).toBe('OK 20 0')
  })

  it('our client and worker work through a Python MDP/0.2 broker', async () => {
    const broker = python('broker', 'tcp://127.0.0.1:0')
    const endpoint = (await broker.line('READY')).split(' ')[1]!
    const worker = new Worker(endpoint, 'echo', options)
    cleanups.push(() => worker.close())
    void (async () => {
      for await (const request of worker) {
        await request.partial('working')
        await request.reply(request.body)
      }
    })()
    const client = new Client(endpoint, { transports, timeout: 5000 })
    cleanups.push(() => client.close())
    for (let i = 0; i < 20; i++) {
      const partials: string[] = []
      const reply = await client.request('echo', `m${i}`, {
        onPartial: (body) => partials.push(...strings(body)),
      })
      expect(strings(reply)).toEqual([`m${i}`])
      expect(partials).toEqual(['working'])
    }
    expect(strings(await client.request('mmi.service', 'echo'))).toEqual(['200'])
  })

  it('our worker re-registers after the Python broker restarts on the same port', async () => {
    const first = python('broker', 'tcp://127.0.0.1:0')
    const endpoint = (await first.line('READY')).split(' ')[1]!
    const worker = new Worker(endpoint, 'echo', options)
    cleanups.push(() => worker.close())
    void echo(worker)
    const client = new Client(endpoint, { transports, timeout: 1000, retries: 10 })
    cleanups.push(() => client.close())
    expect(strings(await client.request('echo', 'before'))).toEqual(['before'])
    await first.kill('SIGKILL')
    const second = python('broker', endpoint)
    await second.line('READY')
    expect(strings(await client.request('echo', 'after'))).toEqual(['after'])
    expect(worker.reconnects).toBeGreaterThan(0)
  })
})
