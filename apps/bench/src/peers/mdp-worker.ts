// The Node side of the majordomo bench: our broker (with or without Titanic), and the load (workers and
// clients of @zmtp/majordomo) that runs through whichever broker the case starts.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Broker, Client, Titanic, TitanicClient, Worker } from '@zmtp/majordomo'
import { SqliteStore } from '@zmtp/majordomo/sqlite'
import { tcp } from '@zmtp/transport-tcp'
import { payload } from './roles.js'
import { emit, now, runWorker, settings, stopped } from './worker-io.js'

export interface MdpSettings {
  role: 'broker' | 'titanic-broker' | 'load' | 'titanic-load'
  bind?: string
  connect?: string
  /** Requests in the timed run (after the warm-up). */
  count?: number
  warmup?: number
  workers?: number
  clients?: number
  size?: number
}

const transports = [tcp()]
/** The pyzmq broker of the comparison heartbeats every 250 ms; every side here uses the same. */
const heartbeatInterval = 250

async function broker(s: MdpSettings, durable: boolean): Promise<void> {
  const b = new Broker({ transports, heartbeatInterval })
  const endpoint = await b.bind(s.bind!)
  let close = async () => {}
  if (durable) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-titanic-'))
    const store = new SqliteStore(join(dir, 'titanic.db'))
    const titanic = new Titanic(endpoint, store, { transports, heartbeatInterval })
    close = async () => {
      await titanic.close()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  emit({ type: 'ready', endpoint })
  await stopped
  await close()
  await b.close()
}

/** Starts echo workers and clients; resolves when every worker is registered (an echo answered). */
async function setUp(s: MdpSettings): Promise<{ workers: Worker[]; clients: Client[] }> {
  const workers = Array.from({ length: s.workers! }, () => {
    const w = new Worker(s.connect!, 'echo', { transports, heartbeatInterval })
    void (async () => {
      for await (const request of w) await request.reply(request.body)
    })()
    return w
  })
  const clients = Array.from(
    { length: s.clients! },
    () => new Client(s.connect!, { transports, timeout: 30_000 }),
  )
  await clients[0]!.request('echo', 'warm')
  return { workers, clients }
}

/** Runs `count` requests spread over the clients (each one at a time, as MDP has it); returns elapsed ns. */
async function flow(
  clients: Client[],
  count: number,
  one: (client: Client) => Promise<void>,
): Promise<number> {
  let left = count
  const start = now()
  await Promise.all(
    clients.map(async (client) => {
      while (left > 0) {
        left--
        await one(client)
      }
    }),
  )
  return Number(now() - start)
}

async function load(s: MdpSettings): Promise<void> {
  const { workers, clients } = await setUp(s)
  const body = payload(s.size!)
  const one = async (client: Client) => {
    await client.request('echo', body)
  }
  await flow(clients, s.warmup ?? 0, one)
  const elapsedNs = await flow(clients, s.count!, one)
  emit({ type: 'result', requests: s.count!, elapsedNs })
  await stopped
  await tearDown(workers, clients)
}

/**
 * Durable requests: every client submits its share (each acknowledged only once stored), then fetches each
 * reply by id, asking again while it is pending, and closes it. Reports the acknowledgement rate and the
 * end-to-end rate (first submit to last reply fetched).
 */
async function titanicLoad(s: MdpSettings): Promise<void> {
  const { workers, clients } = await setUp(s)
  const body = payload(s.size!)
  const run = async (count: number) => {
    const ids = clients.map(() => [] as string[])
    const start = now()
    await Promise.all(
      clients.map(async (client, lane) => {
        const titanic = new TitanicClient(client)
        for (let i = lane; i < count; i += clients.length) ids[lane]!.push(await titanic.submit('echo', body))
      }),
    )
    const acknowledgedNs = Number(now() - start)
    await Promise.all(
      clients.map(async (client, lane) => {
        const titanic = new TitanicClient(client)
        for (const id of ids[lane]!) {
          while ((await titanic.fetch(id)).status === 'pending') {}
          await titanic.close(id)
        }
      }),
    )
    return { acknowledgedNs, elapsedNs: Number(now() - start) }
  }
  await run(s.warmup ?? 0)
  const { acknowledgedNs, elapsedNs } = await run(s.count!)
  emit({ type: 'result', requests: s.count!, elapsedNs, acknowledgedNs })
  await stopped
  await tearDown(workers, clients)
}

async function tearDown(workers: Worker[], clients: Client[]): Promise<void> {
  for (const client of clients) client.close()
  await Promise.all(workers.map((w) => w.close(0)))
}

runWorker(async () => {
  const s = settings<MdpSettings>()
  if (s.role === 'broker' || s.role === 'titanic-broker') await broker(s, s.role === 'titanic-broker')
  else if (s.role === 'titanic-load') await titanicLoad(s)
  else await load(s)
})
