/**
 * Process lifetime, as zeromq.js has it: a program whose sockets are open but idle ends by itself; a
 * pending receive(), a reader of monitor events and a close lingering over a queued message keep it alive
 * until they are done. Each case runs fixtures/program.mjs (the built package) in a child process or a
 * worker thread and waits for it to exit; nothing here is timed (the test timeout only guards failures).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { tcp } from '@zmtp/transport-tcp'
import { ws } from '@zmtp/transport-ws'
import { afterEach, describe, expect, it } from 'vitest'
import { Pull, Push } from '../../src/index.js'
import { socketTracker, text } from '../helpers.js'

const PROGRAM = new URL('./fixtures/program.mjs', import.meta.url)
const transports = [tcp(), ws()]

type Report = Record<string, unknown>
type Where = 'process' | 'worker'

/** A running program: its reports in order, and its exit code once it has ended by itself. */
interface Program {
  next(): Promise<Report>
  exited: Promise<number>
  reports: Report[]
}

const running: (ChildProcess | Worker)[] = []

function start(where: Where, scenario: string, endpoint: string): Program {
  const reports: Report[] = []
  const waiting: ((report: Report) => void)[] = []
  const take = (report: Report) => {
    reports.push(report)
    const resolve = waiting.shift()
    if (resolve) resolve(report)
  }
  let exited: Promise<number>
  if (where === 'worker') {
    const worker = new Worker(PROGRAM, { workerData: { scenario, endpoint } })
    running.push(worker)
    worker.on('message', take)
    exited = new Promise((resolve, reject) => {
      worker.once('exit', resolve)
      worker.once('error', reject)
    })
  } else {
    const child = spawn(process.execPath, [PROGRAM.pathname, JSON.stringify({ scenario, endpoint })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    running.push(child)
    let buffered = ''
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) if (line) take(JSON.parse(line) as Report)
    })
    exited = new Promise((resolve, reject) => {
      child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : 0)))
      child.once('error', reject)
    })
  }
  let read = 0
  return {
    reports,
    exited,
    next: () => {
      if (read < reports.length) return Promise.resolve(reports[read++]!)
      return Promise.race([
        new Promise<Report>((resolve) =>
          waiting.push((report) => {
            read++
            resolve(report)
          }),
        ),
        exited.then((code): Report => {
          throw new Error(`the program exited (${code}) before reporting`)
        }),
      ])
    },
  }
}

let counter = 0
const endpoints: Record<string, () => string> = {
  tcp: () => 'tcp://127.0.0.1:*',
  ipc: () => `ipc://${join(tmpdir(), `zmtp-lifetime-${process.pid}-${++counter}`)}`,
  inproc: () => `inproc://lifetime-${process.pid}-${++counter}`,
  ws: () => 'ws://127.0.0.1:*/lifetime',
}

/** An endpoint nobody listens on yet, that the test can bind later. */
async function unusedEndpoint(transport: string): Promise<string> {
  if (transport === 'ipc' || transport === 'inproc') return endpoints[transport]!()
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
  return transport === 'tcp' ? `tcp://127.0.0.1:${port}` : `ws://127.0.0.1:${port}/lifetime`
}

describe('process lifetime', () => {
  const { track, cleanup } = socketTracker()

  afterEach(() => {
    cleanup()
    for (const program of running.splice(0)) {
      if (program instanceof Worker) void program.terminate()
      else if (program.exitCode === null) program.kill()
    }
  })

  for (const where of ['process', 'worker'] as const) {
    for (const transport of ['tcp', 'ipc', 'inproc', 'ws']) {
      it(`a ${where} whose ${transport} sockets are open and idle ends by itself`, async () => {
        const program = start(where, 'idle', endpoints[transport]!())
        expect(await program.exited).toBe(0)
        expect(program.reports).toEqual([{ received: ['ping'] }])
      })
    }

    // In a child process an inproc name is out of the test's reach; from a worker it is not.
    for (const transport of where === 'worker' ? ['tcp', 'ipc', 'inproc', 'ws'] : ['tcp', 'ipc', 'ws']) {
      it(`a ${where} waiting in receive() on ${transport} stays up until a message comes, then ends`, async () => {
        const program = start(where, 'receive', endpoints[transport]!())
        const { bound } = await program.next()
        const push = track(new Push({ transports }))
        push.connect(bound as string)
        await push.send('hello')
        expect(await program.next()).toEqual({ received: ['hello'] })
        expect(await program.exited).toBe(0)
      })
    }
  }

  for (const transport of ['tcp', 'ipc', 'inproc', 'ws']) {
    // inproc crosses to the test's thread only from a worker.
    const where: Where = transport === 'inproc' ? 'worker' : 'process'
    it(`a ${where} that closed a socket over a message queued for a ${transport} peer not up yet stays up to deliver it`, async () => {
      const endpoint = await unusedEndpoint(transport)
      const program = start(where, 'linger', endpoint)
      expect(await program.next()).toEqual({ closed: true })
      const pull = track(new Pull({ transports }))
      await pull.bind(endpoint)
      expect(text(await pull.receive())).toEqual(['queued'])
      expect(await program.exited).toBe(0)
    })
  }

  for (const transport of ['tcp', 'ipc']) {
    it(`a process ending with a message queued for a ${transport} peer not up yet closes its socket and delivers it first`, async () => {
      const endpoint = await unusedEndpoint(transport)
      const program = start('process', 'queued', endpoint)
      expect(await program.next()).toEqual({ sent: true })
      const pull = track(new Pull({ transports }))
      await pull.bind(endpoint)
      expect(text(await pull.receive())).toEqual(['queued'])
      expect(await program.exited).toBe(0)
    })
  }

  it('a process reading monitor events stays up until the event it waits for, then ends', async () => {
    const program = start('process', 'events', endpoints.tcp!())
    const { bound } = await program.next()
    const push = track(new Push({ transports }))
    push.connect(bound as string)
    expect(await program.next()).toEqual({ event: 'accept' })
    expect(await program.exited).toBe(0)
  })
})
