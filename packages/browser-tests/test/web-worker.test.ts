/**
 * A page's Web Worker (not the page itself) running a zmtp socket: a module worker imports the browser
 * bundle and talks to a Node Router over ws. Workers have WebSocket but no `window` or DOM.
 */

import { Router } from '@zmtp/patterns'
import { ws } from '@zmtp/transport-ws'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  closePage,
  launchChromium,
  openPage,
  type PageServer,
  requireChromium,
  socketTracker,
  startPageServer,
  text,
} from './harness.js'

describe.skipIf(requireChromium() === 'skip')('a Web Worker in headless Chromium', () => {
  let browser: Browser
  let server: PageServer
  let page: Page
  const { track, cleanup } = socketTracker()

  beforeAll(async () => {
    ;[browser, server] = await Promise.all([launchChromium(), startPageServer()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  beforeEach(async () => {
    page = await openPage(browser, server.origin)
  })
  afterEach(async () => {
    await closePage(page)
    cleanup()
  })

  it("talks to a Node Router over ws from the worker's own Dealer", async () => {
    const router = track(new Router({ transports: [ws()], receiveTimeout: 10_000 }))
    await router.bind(`ws://127.0.0.1:*/worker-${process.pid}`)
    const fromWorker = page.evaluate(
      ({ bundle, endpoint }) => {
        // The worker's whole program: load the bundle (it sets self.zmtp), then one Dealer round trip.
        const source = `
          import ${JSON.stringify(bundle)}
          self.onmessage = async () => {
            try {
              const dealer = new zmtp.Dealer({ transports: [zmtp.ws()], receiveTimeout: 10000 })
              dealer.connect(${JSON.stringify(endpoint)})
              await dealer.send(['from', 'a web worker'])
              const reply = await dealer.receive()
              dealer.close()
              self.postMessage({
                reply: reply.map((frame) => new TextDecoder().decode(frame)),
                inWorker: typeof window === 'undefined' && typeof WorkerGlobalScope === 'function',
              })
            } catch (error) {
              self.postMessage({ error: String(error) })
            }
          }`
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
        const worker = new Worker(url, { type: 'module' })
        return new Promise<{ reply?: string[]; inWorker?: boolean; error?: string }>((resolve) => {
          worker.onmessage = (event) => {
            worker.terminate()
            resolve(event.data)
          }
          worker.onerror = (event) => resolve({ error: `worker error: ${event.message}` })
          worker.postMessage('go')
        })
      },
      { bundle: `${server.origin}/zmtp.browser.js`, endpoint: router.lastEndpoint! },
    )
    // Should the page close first, the failure shows in the last expect, not as an unhandled rejection.
    fromWorker.catch(() => {})
    const [id, ...frames] = await router.receive()
    expect(text(frames)).toEqual(['from', 'a web worker'])
    await router.send([id!, 'answered by', 'a Node router'])
    expect(await fromWorker).toEqual({ reply: ['answered by', 'a Node router'], inWorker: true })
  })
})
