/**
 * Majordomo in headless Chromium: a client and a worker of @zmtp/majordomo in the page (the
 * `--entry majordomo` bundle, dist/zmtp.majordomo.js) reach a broker in Node over ws://127.0.0.1.
 */

import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { Broker, Client, Worker } from '@zmtp/majordomo'
import { ws } from '@zmtp/transport-ws'
import { build } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  closePage,
  launchChromium,
  openPage,
  type PageServer,
  requireChromium,
  startPageServer,
  text,
} from './harness.js'

declare global {
  /** What a page holds open (its workers and clients), closed before the page goes. */
  var held: { close(): unknown }[]
  /** The page's latest worker. */
  var worker: { reconnects: number }
}

/** Short heartbeats, so that a worker notices a vanished broker within a second. */
const heartbeatInterval = 250

let counter = 0
const endpoint = () => `ws://127.0.0.1:*/mdp-${process.pid}-${++counter}`

/** The broker command of @zmtp/majordomo (dist/cli/main.js), started as a process of its own. */
const require = createRequire(import.meta.url)
const brokerCommand = join(dirname(require.resolve('@zmtp/majordomo/package.json')), 'dist/cli/main.js')

interface BrokerProcess {
  child: ChildProcess
  endpoint: string
}

/** Starts `zmtp-broker --bind <at>` and resolves with the endpoint it prints once listening. */
function startBrokerProcess(at: string, started: ChildProcess[]): Promise<BrokerProcess> {
  const child = spawn(
    process.execPath,
    [brokerCommand, '--bind', at, '--heartbeat', String(heartbeatInterval)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  started.push(child)
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`zmtp-broker exited (${code}) before listening: ${stderr}`)),
    )
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [word, bound] = line.split(' ')
      if (word === 'listening' && bound) resolve({ child, endpoint: bound })
    })
  })
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

const dist = (name: string) => fileURLToPath(new URL(`../dist/${name}`, import.meta.url))

describe('the Majordomo browser bundle (client and worker + ws)', () => {
  it('fits its budget of package.json and carries nothing from Node: no SQLite store, no tcp', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    const size = JSON.parse(readFileSync(dist('size-majordomo.json'), 'utf8'))
    const budget = pkg.zmtp.majordomoBundleBudget.gzipBytes
    expect(size).toMatchObject({
      file: 'dist/zmtp.majordomo.js',
      budgetGzipBytes: budget,
      withinBudget: true,
      cryptoInputs: 0,
    })
    const code = readFileSync(dist('zmtp.majordomo.js'), 'utf8')
    expect(code.length).toBe(size.minBytes)
    expect(code).not.toMatch(/\brequire\s*\(/)
    expect(code).not.toMatch(/\bimport\s*\(/)
    expect(code).not.toMatch(/["'`]node:/)
    expect(code).not.toMatch(/better-sqlite3|sqlite/i)
  })

  it('cannot bundle the SQLite store for a browser: @zmtp/majordomo/sqlite resolves only for Node', async () => {
    const bundle = (contents: string) =>
      build({
        stdin: { contents, resolveDir: dist('..') },
        bundle: true,
        write: false,
        platform: 'browser',
        conditions: ['browser'],
        format: 'esm',
        logLevel: 'silent',
      }).then(
        () => 'built',
        (error: { errors: { text: string }[] }) => error.errors.map((e) => e.text).join('\n'),
      )
    // The same build of the default entry works, so the failure is the store's, not the set-up's.
    expect(await bundle("export { Client, Titanic } from '@zmtp/majordomo'")).toBe('built')
    expect(await bundle("export { SqliteStore } from '@zmtp/majordomo/sqlite'")).toMatch(
      /"\.\/sqlite" is not currently exported|Could not resolve "@zmtp\/majordomo\/sqlite"/,
    )
  })
})

describe.skipIf(requireChromium() === 'skip')(
  'Majordomo client and worker in Chromium, broker in Node',
  () => {
    let browser: Browser
    let server: PageServer
    let page: Page
    const cleanups: (() => unknown)[] = []
    const processes: ChildProcess[] = []

    async function broker(): Promise<string> {
      const b = new Broker({ transports: [ws()], heartbeatInterval })
      cleanups.push(() => b.close())
      return b.bind(endpoint())
    }
    function nodeClient(at: string): Client {
      const c = new Client(at, { transports: [ws()], timeout: 5000, retries: 0 })
      cleanups.push(() => c.close())
      return c
    }

    /**
     * Starts, in the page, a worker for `service`: `upper` answers with its words in capitals, `stream` sends
     * each word as a partial reply, then a final one with the count.
     */
    async function pageWorker(at: string, service: string, mode: 'upper' | 'stream'): Promise<void> {
      await page.evaluate(
        ({ at, service, mode, heartbeatInterval }) => {
          const worker = new mdp.Worker(at, service, { transports: [mdp.ws()], heartbeatInterval })
          held.push(worker)
          globalThis.worker = worker
          void (async () => {
            for await (const request of worker) {
              const words = kit.text(request.body)
              if (mode === 'upper') {
                await request.reply(['from the page', ...words.map((word) => word.toUpperCase())])
                continue
              }
              for (const word of words) await request.partial(['partial', word])
              await request.reply(['final', String(words.length)])
            }
          })()
        },
        { at, service, mode, heartbeatInterval },
      )
    }

    beforeAll(async () => {
      ;[browser, server] = await Promise.all([launchChromium(), startPageServer()])
    })
    afterAll(async () => {
      await browser?.close()
      await server?.close()
    })
    beforeEach(async () => {
      page = await openPage(browser, server.origin, '/majordomo.html', 'mdp')
      await page.evaluate(() => {
        globalThis.held = []
      })
    })
    afterEach(async () => {
      // The page's workers leave the broker (DISCONNECT) and its clients close, then the page goes.
      await page.evaluate(() => Promise.all(held.map((x) => x.close()))).catch(() => {})
      await closePage(page)
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
      for (const child of processes.splice(0)) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
        await exited(child)
      }
    })

    it('a request from the page is answered by a page worker and by a Node worker; Node asks the page', async () => {
      const at = await broker()
      await pageWorker(at, 'upper', 'upper')
      const nodeWorker = new Worker(at, 'echo', { transports: [ws()], heartbeatInterval })
      cleanups.push(() => nodeWorker.close(0))
      void (async () => {
        for await (const request of nodeWorker) await request.reply(['from node', ...request.body])
      })()

      const answers = await page.evaluate(async (at) => {
        const client = new mdp.Client(at, { transports: [mdp.ws()], timeout: 5000, retries: 0 })
        held.push(client)
        return {
          upper: kit.text(await client.request('upper', ['hello', 'broker'])),
          echo: kit.text(await client.request('echo', 'round trip')),
          binary: Array.from((await client.request('echo', new Uint8Array([0, 255, 1, 254])))[1]!),
        }
      }, at)
      expect(answers).toEqual({
        upper: ['from the page', 'HELLO', 'BROKER'],
        echo: ['from node', 'round trip'],
        binary: [0, 255, 1, 254],
      })
      expect(text(await nodeClient(at).request('upper', 'asked from node'))).toEqual([
        'from the page',
        'ASKED FROM NODE',
      ])
    })

    it('a multi-part reply (MDP/0.2 partial, then final) streams to the page client, in order', async () => {
      const at = await broker()
      await pageWorker(at, 'stream', 'stream')
      const seen = await page.evaluate(async (at) => {
        const client = new mdp.Client(at, { transports: [mdp.ws()], timeout: 5000, retries: 0 })
        held.push(client)
        const partials: string[][] = []
        const final = kit.text(
          await client.request('stream', ['a', 'b', 'c'], {
            onPartial: (body) => partials.push(kit.text(body)),
          }),
        )
        return { partials, final }
      }, at)
      expect(seen).toEqual({
        partials: [
          ['partial', 'a'],
          ['partial', 'b'],
          ['partial', 'c'],
        ],
        final: ['final', '3'],
      })
      // The page worker's partials reach a Node client the same way.
      const partials: string[][] = []
      const final = await nodeClient(at).request('stream', ['x', 'y'], {
        onPartial: (body) => partials.push(text(body)),
      })
      expect({ partials, final: text(final) }).toEqual({
        partials: [
          ['partial', 'x'],
          ['partial', 'y'],
        ],
        final: ['final', '2'],
      })
    })

    // Two broker processes start in this test; on a busy machine that alone takes seconds.
    it('the page worker registers again after the broker process is killed and restarted', {
      timeout: 60_000,
    }, async () => {
      const first = await startBrokerProcess(endpoint(), processes)
      await pageWorker(first.endpoint, 'upper', 'upper')
      expect(text(await nodeClient(first.endpoint).request('upper', 'before'))).toEqual([
        'from the page',
        'BEFORE',
      ])

      // SIGKILL: no DISCONNECT reaches the page; its worker must notice the silence by heartbeats.
      first.child.kill('SIGKILL')
      await exited(first.child)
      const second = await startBrokerProcess(first.endpoint, processes)
      expect(second.endpoint).toBe(first.endpoint)
      // A request waits in the new broker's queue until the page worker has registered with it.
      const client = new Client(second.endpoint, { transports: [ws()], timeout: 30_000, retries: 0 })
      cleanups.push(() => client.close())
      expect(text(await client.request('upper', 'after'))).toEqual(['from the page', 'AFTER'])
      const reconnects = await page.evaluate(() => globalThis.worker.reconnects)
      expect(reconnects).toBeGreaterThan(0)
    })
  },
)
