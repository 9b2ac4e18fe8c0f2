/**
 * WebRTC in headless Chromium: pages talk to each other and to Node sockets over `webrtc://`, finding
 * each other through the reference signaling server (@zmtp/webrtc-signal) that the pages reach over
 * ws://127.0.0.1 and Node over tcp://127.0.0.1.
 */

import { createHash, randomBytes } from 'node:crypto'
import { Push, Router } from '@zmtp/patterns'
import { tcp } from '@zmtp/transport-tcp'
import { type SocketSignaling, webrtc } from '@zmtp/transport-webrtc'
import { connectSignaling, type SignalingServer, startSignalingServer } from '@zmtp/webrtc-signal'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ZmtpWebRtcBrowser } from '../src/webrtc-entry.js'
import {
  launchChromium,
  nextEvent,
  type PageServer,
  requireChromium,
  socketTracker,
  startPageServer,
  text,
} from './harness.js'

/**
 * Chromium's flags for WebRTC on a machine whose only reachable network is loopback: allow loopback
 * candidates, and give real host addresses instead of mDNS `.local` names (which libdatachannel, on the
 * Node side, cannot resolve here).
 */
/** A socket as the page's code uses it (the union of what the tests call). */
interface PageSocket {
  bind(endpoint: string): Promise<void>
  connect(endpoint: string): void
  subscribe(topic: string): void
  send(message: unknown): Promise<void>
  receive(): Promise<Uint8Array[]>
  close(): void
}

/** What the WebRTC page holds on `globalThis` (set up by {@link openWebRtcPage}). */
interface W {
  zmtp: ZmtpWebRtcBrowser
  signaling: InstanceType<ZmtpWebRtcBrowser['SocketSignaling']>
  transport: unknown
  sockets: Record<string, PageSocket>
  make(name: string, type: string): PageSocket
  decode(frames: Uint8Array[]): string[]
}

export const WEBRTC_FLAGS = [
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
]

const ONE_MIB = 1024 * 1024
let counter = 0
const peerId = (name: string) => `${name}-${process.pid}-${++counter}`

/** Opens the WebRTC page, with a signaling client (Dealer over ws://) as `globalThis.signaling`. */
async function openWebRtcPage(browser: Browser, origin: string, signalingUrl: string): Promise<Page> {
  const page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${origin}/webrtc.html`)
  try {
    await page.waitForFunction(
      () => typeof (globalThis as unknown as Partial<W>).zmtp?.webrtc === 'function',
      undefined,
      {
        timeout: 5000,
      },
    )
  } catch (error) {
    throw new Error(`the webrtc bundle did not load: ${errors.join('; ') || (error as Error).message}`)
  }
  await page.evaluate((url) => {
    const g = globalThis as unknown as W
    const dealer = new g.zmtp.Dealer({ transports: [g.zmtp.ws()], linger: 0 })
    dealer.connect(url)
    g.signaling = new g.zmtp.SocketSignaling(dealer)
    g.transport = g.zmtp.webrtc({ signaling: g.signaling })
    g.sockets = {}
    g.make = (name: string, type: string) => {
      const Socket = (g.zmtp as unknown as Record<string, new (options: object) => PageSocket>)[type]!
      const socket = new Socket({ transports: [g.transport], linger: 0, receiveTimeout: 10_000 })
      g.sockets[name] = socket
      return socket
    }
    g.decode = (frames: Uint8Array[]) => frames.map((f) => new TextDecoder().decode(f))
  }, signalingUrl)
  return page
}

describe.skipIf(requireChromium() === 'skip')('WebRTC in Chromium', () => {
  let browser: Browser
  let pages: PageServer
  let signaling: SignalingServer
  let nodeSignaling: SocketSignaling
  let wsUrl: string
  const open: Page[] = []
  const { track, cleanup } = socketTracker()
  const page = async () => {
    const opened = await openWebRtcPage(browser, pages.origin, wsUrl)
    open.push(opened)
    return opened
  }

  beforeAll(async () => {
    ;[browser, pages, signaling] = await Promise.all([
      launchChromium(WEBRTC_FLAGS),
      startPageServer(),
      startSignalingServer({ bind: ['ws://127.0.0.1:*/signal', 'tcp://127.0.0.1:*'] }),
    ])
    wsUrl = signaling.endpoints[0]!
    nodeSignaling = connectSignaling(signaling.endpoints[1]!, [tcp()])
  })
  afterAll(async () => {
    nodeSignaling?.close()
    signaling?.close()
    await browser?.close()
    await pages?.close()
  })
  afterEach(async () => {
    cleanup()
    for (const opened of open.splice(0)) {
      if (opened.isClosed()) continue
      await opened.evaluate(() => {
        const g = globalThis as unknown as W
        for (const socket of Object.values(g.sockets)) (socket as { close(): void }).close()
        g.signaling.close()
      })
      await opened.close()
    }
  })

  it('Dealer and Router in two pages', async () => {
    const id = peerId('router')
    const [a, b] = [await page(), await page()]
    await a.evaluate(async (id) => {
      const g = globalThis as unknown as W
      const router = g.make('router', 'Router')
      await router.bind(`webrtc://${id}`)
      void (async () => {
        for (;;) {
          const [peer, ...body] = await router.receive()
          await router.send([peer, 'echo', ...body])
        }
      })().catch(() => {})
    }, id)
    const reply = await b.evaluate(async (id) => {
      const g = globalThis as unknown as W
      const dealer = g.make('dealer', 'Dealer')
      dealer.connect(`webrtc://${id}`)
      await dealer.send(['hello', 'router'])
      return g.decode(await dealer.receive())
    }, id)
    expect(reply).toEqual(['echo', 'hello', 'router'])
  })

  it('Publisher and Subscriber in two pages', async () => {
    const id = peerId('pub')
    const [a, b] = [await page(), await page()]
    await a.evaluate(async (id) => {
      const g = globalThis as unknown as W
      await g.make('pub', 'Publisher').bind(`webrtc://${id}`)
    }, id)
    const receiving = b.evaluate(async (id) => {
      const g = globalThis as unknown as W
      const sub = g.make('sub', 'Subscriber')
      sub.subscribe('news')
      sub.connect(`webrtc://${id}`)
      return g.decode(await sub.receive())
    }, id)
    // The subscription travels asynchronously: publish until the subscriber has one.
    let got: string[] | undefined
    void receiving.then((frames) => {
      got = frames
    })
    while (got === undefined) {
      await a.evaluate(() => (globalThis as unknown as W).sockets.pub.send(['news', 'fresh']))
      await Promise.race([receiving, new Promise((resolve) => setTimeout(resolve, 20))])
    }
    expect(got).toEqual(['news', 'fresh'])
  })

  it('Push and Pull in two pages; a 1 MiB message arrives intact', async () => {
    const id = peerId('pull')
    const [a, b] = [await page(), await page()]
    await a.evaluate(async (id) => {
      const g = globalThis as unknown as W
      await g.make('pull', 'Pull').bind(`webrtc://${id}`)
    }, id)
    const sent = await b.evaluate(async (id) => {
      const g = globalThis as unknown as W
      const push = g.make('push', 'Push')
      push.connect(`webrtc://${id}`)
      const big = new Uint8Array(1024 * 1024)
      for (let i = 0; i < big.length; i++) big[i] = (i * 7 + (i >> 12)) & 0xff
      await push.send(['small'])
      await push.send(['big', big])
      const digest = await crypto.subtle.digest('SHA-256', big as Uint8Array<ArrayBuffer>)
      return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('')
    }, id)
    const received = await a.evaluate(async () => {
      const g = globalThis as unknown as W
      const first = g.decode(await g.sockets.pull.receive())
      const [label, big] = await g.sockets.pull.receive()
      const digest = await crypto.subtle.digest('SHA-256', big as Uint8Array<ArrayBuffer>)
      const hex = [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('')
      return { first, label: new TextDecoder().decode(label), length: big.length, hex }
    })
    expect(received).toEqual({ first: ['small'], label: 'big', length: ONE_MIB, hex: sent })
  })

  it('a page talks to a Node socket over WebRTC, both ways, 1 MiB intact', async () => {
    const id = peerId('node-router')
    const router = track(new Router({ transports: [webrtc({ signaling: nodeSignaling })], linger: 0 }))
    await router.bind(`webrtc://${id}`)
    const a = await page()
    const asking = a.evaluate(async (id) => {
      const g = globalThis as unknown as W
      const dealer = g.make('dealer', 'Dealer')
      dealer.connect(`webrtc://${id}`)
      await dealer.send('from the page')
      const [label, payload] = await dealer.receive()
      const digest = await crypto.subtle.digest('SHA-256', payload as Uint8Array<ArrayBuffer>)
      const hex = [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('')
      return { label: new TextDecoder().decode(label), length: payload.length, hex }
    }, id)
    const [peer, body] = await router.receive()
    expect(text([body!])).toEqual(['from the page'])
    const payload = randomBytes(ONE_MIB)
    await router.send([peer!, 'from node', payload])
    expect(await asking).toEqual({
      label: 'from node',
      length: ONE_MIB,
      hex: createHash('sha256').update(payload).digest('hex'),
    })
  })

  it('a page that closes is detected; the Node side reconnects when it comes back', async () => {
    const id = peerId('tab')
    const push = track(
      new Push({
        transports: [webrtc({ signaling: nodeSignaling, heartbeatInterval: 500 })],
        linger: 0,
        reconnectInterval: 100,
        reconnectMaxInterval: 1000,
      }),
    )
    const bindPull = async (tab: Page) =>
      tab.evaluate(async (id) => {
        const g = globalThis as unknown as W
        await g.make('pull', 'Pull').bind(`webrtc://${id}`)
      }, id)
    const first = await page()
    await bindPull(first)
    const connected = nextEvent(push, 'handshake', 15_000)
    push.connect(`webrtc://${id}`)
    await connected
    await push.send('one')
    expect(
      await first.evaluate(async () =>
        (globalThis as unknown as W).decode(await (globalThis as unknown as W).sockets.pull.receive()),
      ),
    ).toEqual(['one'])

    const lost = nextEvent(push, 'disconnect', 15_000)
    await first.close()
    await lost

    const second = await page()
    const again = nextEvent(push, 'handshake', 15_000)
    await bindPull(second)
    await again
    await push.send('two')
    expect(
      await second.evaluate(async () =>
        (globalThis as unknown as W).decode(await (globalThis as unknown as W).sockets.pull.receive()),
      ),
    ).toEqual(['two'])
  })
})
