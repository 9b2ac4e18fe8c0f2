/**
 * The patterns between a page in headless Chromium (the bundle, browser `ws()`) and Node sockets
 * (`ws()` from the Node entry) over ws://127.0.0.1.
 */

import { createHash, randomBytes } from 'node:crypto'
import type { Pair, Publisher, Subscriber } from '@zmtp/patterns'
import * as patterns from '@zmtp/patterns'
import { ws } from '@zmtp/transport-ws'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  closePage,
  launchChromium,
  openPage,
  type PageServer,
  publishUntilReceived,
  recordEvents,
  requireChromium,
  socketTracker,
  startPageServer,
  text,
} from './harness.js'

/** Node sockets give up on a receive after this, so a lost message fails fast and clearly. */
const RECEIVE_TIMEOUT = 5000

const ONE_MIB = 1024 * 1024
/** Part sizes around the frame-length boundaries (255/256 octets: short and long ZMTP frames). */
const SMALL_PARTS = [0, 1, 255, 256, 16_384, 16_385]
const LARGE_PARTS = [...SMALL_PARTS, 65_535, 65_536, 300_001, ONE_MIB]
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

let counter = 0
const endpoint = (name: string) => `ws://127.0.0.1:*/${name}-${process.pid}-${++counter}`

describe.skipIf(requireChromium() === 'skip')('patterns between Chromium and Node over ws://', () => {
  let browser: Browser
  let server: PageServer
  let page: Page
  const { track, cleanup } = socketTracker()
  const opts = () => ({ transports: [ws()], receiveTimeout: RECEIVE_TIMEOUT })

  async function bound<T extends patterns.Socket>(socket: T, name: string): Promise<string> {
    await socket.bind(endpoint(name))
    return socket.lastEndpoint!
  }

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

  it('Request in the page, Reply in Node; and Reply in the page, Request in Node', async () => {
    const reply = track(new patterns.Reply(opts()))
    const replyAt = await bound(reply, 'reply')
    const answering = (async () => {
      for (let i = 0; i < 10; i++) {
        const [word, n] = text(await reply.receive())
        await reply.send([`${word}?`, `${Number(n) * 2}`])
      }
    })()
    const answers = await page.evaluate(async (at) => {
      const request = kit.add('request', new zmtp.Request({ transports: [zmtp.ws()] }))
      request.connect(at)
      const got: string[][] = []
      for (let i = 0; i < 10; i++) {
        await request.send(['ping', `${i}`])
        got.push(kit.text(await kit.within(request.receive(), `reply ${i}`)))
      }
      return got
    }, replyAt)
    await answering
    expect(answers).toEqual(Array.from({ length: 10 }, (_, i) => ['ping?', `${i * 2}`]))

    // The other way round: the page connects a Reply to a Node Request that bound.
    const request = track(new patterns.Request(opts()))
    const requestAt = await bound(request, 'request')
    await page.evaluate(async (at) => {
      const reply = kit.add('reply', new zmtp.Reply({ transports: [zmtp.ws()] }))
      reply.connect(at)
      void (async () => {
        for await (const [question] of reply) await reply.send(['re', question!])
      })()
    }, requestAt)
    for (let i = 0; i < 5; i++) {
      await request.send(`q${i}`)
      expect(text(await request.receive())).toEqual(['re', `q${i}`])
    }
  })
  it('Dealer in the page gets its routingId at the Node Router; Router replies by id, many in flight', async () => {
    const router = track(new patterns.Router(opts()))
    const at = await bound(router, 'router')
    const receiving = page.evaluate(async (at) => {
      const dealer = kit.add('dealer', new zmtp.Dealer({ transports: [zmtp.ws()], routingId: 'browser-1' }))
      dealer.connect(at)
      for (let i = 0; i < 20; i++) await dealer.send(['job', `${i}`])
      const got: string[][] = []
      for (let i = 0; i < 20; i++) got.push(kit.text(await kit.within(dealer.receive(), `reply ${i}`)))
      return got
    }, at)
    for (let i = 0; i < 20; i++) {
      const [id, ...body] = await router.receive()
      expect(text([id!])).toEqual(['browser-1'])
      expect(text(body)).toEqual(['job', `${i}`])
      await router.send([id!, 'done', `${i}`])
    }
    expect(await receiving).toEqual(Array.from({ length: 20 }, (_, i) => ['done', `${i}`]))

    // A Router in the page connected to a Node Dealer sees the Dealer's routingId.
    const dealer = track(new patterns.Dealer({ ...opts(), routingId: 'node-dealer' }))
    const dealerAt = await bound(dealer, 'dealer')
    const routed = page.evaluate(async (at) => {
      const router = kit.add('router', new zmtp.Router({ transports: [zmtp.ws()] }))
      router.connect(at)
      const [id, body] = await kit.within(router.receive(), 'message from the Node Dealer')
      await router.send([id!, 'back to you'])
      return kit.text([id!, body!])
    }, dealerAt)
    await dealer.send('hello router')
    expect(await routed).toEqual(['node-dealer', 'hello router'])
    expect(text(await dealer.receive())).toEqual(['back to you'])
  })

  it('Subscriber in the page: subscribe filters by prefix, unsubscribe stops delivery', async () => {
    const pub = track(new patterns.Publisher(opts()))
    const at = await bound(pub, 'pub')
    await page.evaluate(async (at) => {
      const sub = kit.add('sub', new zmtp.Subscriber({ transports: [zmtp.ws()] }))
      sub.connect(at)
      sub.subscribe('prices.')
    }, at)
    const receive = () =>
      page.evaluate(async () =>
        kit.text(await kit.within(kit.get<Subscriber>('sub').receive(), 'subscriber receive')),
      )
    expect(await publishUntilReceived(() => pub.send(['prices.eur', '1.1']), receive())).toEqual([
      'prices.eur',
      '1.1',
    ])
    await pub.send(['news.x', 'not subscribed'])
    await pub.send(['prices.usd', '1.0'])
    // The first message may have been published several times before it matched: skip the repeats.
    let next = await receive()
    while (next[0] === 'prices.eur') next = await receive()
    expect(next).toEqual(['prices.usd', '1.0'])

    // Unsubscribe, and subscribe to a marker that proves the unsubscription arrived first (same pipe).
    await page.evaluate(() => {
      const sub = kit.get<Subscriber>('sub')
      sub.unsubscribe('prices.')
      sub.subscribe('stop')
    })
    const marker = await publishUntilReceived(
      () => pub.send(['stop', 'first']),
      page.evaluate(async () => {
        const sub = kit.get<Subscriber>('sub')
        for (;;) {
          const [topic, ...rest] = kit.text(await kit.within(sub.receive(), 'the stop marker'))
          if (topic === 'stop') return [topic, ...rest]
          if (topic !== 'prices.usd') throw new Error(`unexpected ${topic}`)
        }
      }),
    )
    expect(marker[0]).toBe('stop')
    await pub.send(['prices.eur', 'after unsubscribe'])
    await pub.send(['stop', 'last'])
    const after = await page.evaluate(async () => {
      const sub = kit.get<Subscriber>('sub')
      const seen: string[][] = []
      for (;;) {
        const message = kit.text(await kit.within(sub.receive(), 'the last marker'))
        seen.push(message)
        if (message[1] === 'last') return seen
      }
    })
    expect(after.filter(([topic]) => topic !== 'stop')).toEqual([])
  })

  it('the Node side sees the page subscribe and unsubscribe (XPublisher), in order', async () => {
    const xpub = track(new patterns.XPublisher(opts()))
    const at = await bound(xpub, 'xpub')
    await page.evaluate(async (at) => {
      const sub = kit.add('sub', new zmtp.Subscriber({ transports: [zmtp.ws()] }))
      sub.connect(at)
      sub.subscribe('a.')
    }, at)
    const event = async () => {
      const [frame] = await xpub.receive()
      return [frame![0], new TextDecoder().decode(frame!.subarray(1))]
    }
    expect(await event()).toEqual([1, 'a.'])
    // The subscription is in place now: one publish is enough.
    await xpub.send(['a.1', 'first'])
    await xpub.send(['b.1', 'filtered out'])
    const first = await page.evaluate(async () =>
      kit.text(await kit.within(kit.get<Subscriber>('sub').receive(), 'a.1')),
    )
    expect(first).toEqual(['a.1', 'first'])
    await page.evaluate(() => {
      const sub = kit.get<Subscriber>('sub')
      sub.subscribe('b.')
      sub.unsubscribe('a.')
    })
    expect(await event()).toEqual([1, 'b.'])
    expect(await event()).toEqual([0, 'a.'])
    await xpub.send(['a.2', 'unsubscribed'])
    await xpub.send(['b.2', 'subscribed'])
    const second = await page.evaluate(async () =>
      kit.text(await kit.within(kit.get<Subscriber>('sub').receive(), 'b.2')),
    )
    expect(second).toEqual(['b.2', 'subscribed'])
  })

  it('Publisher in the page reaches a Node Subscriber that bound', async () => {
    const sub = track(new patterns.Subscriber(opts()))
    const at = await bound(sub, 'sub')
    sub.subscribe('from-page')
    await page.evaluate(async (at) => {
      const pub = kit.add('pub', new zmtp.Publisher({ transports: [zmtp.ws()] }))
      pub.connect(at)
    }, at)
    const got = await publishUntilReceived(
      () => page.evaluate(() => kit.get<Publisher>('pub').send(['from-page', 'hi'])),
      sub.receive(),
    )
    expect(text(got)).toEqual(['from-page', 'hi'])
  })

  it('Push/Pull both ways keep messages whole and in order', async () => {
    // Page → Node.
    const pull = track(new patterns.Pull(opts()))
    const pullAt = await bound(pull, 'pull')
    await page.evaluate(async (at) => {
      const push = kit.add('push', new zmtp.Push({ transports: [zmtp.ws()] }))
      push.connect(at)
      for (let i = 0; i < 100; i++) await push.send([`m${i}`, '', new Uint8Array([0, 255, i])])
    }, pullAt)
    for (let i = 0; i < 100; i++) {
      const frames = await pull.receive()
      expect(text(frames.slice(0, 2))).toEqual([`m${i}`, ''])
      expect([...frames[2]!]).toEqual([0, 255, i])
    }

    // Node → page.
    const push = track(new patterns.Push(opts()))
    const pushAt = await bound(push, 'push')
    const received = page.evaluate(async (at) => {
      const pull = kit.add('pull', new zmtp.Pull({ transports: [zmtp.ws()] }))
      pull.connect(at)
      const got: string[] = []
      for (let i = 0; i < 100; i++) {
        const frames = await kit.within(pull.receive(), `message ${i}`)
        got.push(`${kit.text(frames.slice(0, 2)).join('|')}|${[...frames[2]!].join(',')}`)
      }
      return got
    }, pushAt)
    for (let i = 0; i < 100; i++) await push.send([`n${i}`, '', new Uint8Array([255, 0, i])])
    expect(await received).toEqual(Array.from({ length: 100 }, (_, i) => `n${i}||255,0,${i}`))
  })

  /** Random parts, generated in the page, sent as one message to a Node Pair; checked by SHA-256. */
  async function pageToNode(sizes: number[]): Promise<void> {
    const pair = track(new patterns.Pair(opts()))
    const events = recordEvents(pair)
    const at = await bound(pair, 'pair-in')
    const sent = await page.evaluate(
      async ({ at, sizes }) => {
        const pair = kit.add('pair-out', new zmtp.Pair({ transports: [zmtp.ws()] }))
        pair.connect(at)
        const parts = sizes.map((size) => {
          const part = new Uint8Array(size)
          // getRandomValues fills at most 64 KiB at a time.
          for (let offset = 0; offset < size; offset += 65_536) {
            crypto.getRandomValues(part.subarray(offset, offset + 65_536))
          }
          return part
        })
        await pair.send(parts)
        return Promise.all(parts.map((part) => kit.sha256(part)))
      },
      { at, sizes },
    )
    const received = await pair.receive().catch((error: Error) => {
      throw new Error(`${error.message}; Node events: ${JSON.stringify(events)}`)
    })
    expect(received.map((part) => part.length)).toEqual(sizes)
    expect(received.map(sha256)).toEqual(sent)
  }

  it('multipart binary messages up to 1 MiB from Node arrive intact in the page (SHA-256 per part)', async () => {
    const pair = track(new patterns.Pair(opts()))
    const at = await bound(pair, 'pair-out')
    await page.evaluate(async (at) => {
      const pair = kit.add('pair-in', new zmtp.Pair({ transports: [zmtp.ws()] }))
      pair.connect(at)
      await kit.waitEvent('pair-in', 'handshake')
    }, at)
    for (const sizes of [LARGE_PARTS, [ONE_MIB]]) {
      const parts = sizes.map((size) => new Uint8Array(randomBytes(size)))
      await pair.send(parts)
      const got = await page.evaluate(async () => {
        const frames = await kit.within(kit.get<Pair>('pair-in').receive(), 'a large message', 10_000)
        return Promise.all(frames.map(async (frame) => [frame.length, await kit.sha256(frame)] as const))
      })
      expect(got).toEqual(parts.map((part) => [part.length, sha256(part)]))
    }
  })

  it('multipart binary messages with parts up to 16 KiB from the page arrive intact in Node', async () => {
    await pageToNode(SMALL_PARTS)
  })

  // Chromium sends a WebSocket message as several frames (a fragmented message, which RFC 6455 allows) when
  // it is larger than about 128 KiB, or than the room left in its send pipe: three 64 KiB messages in a row
  // are enough. The Node server of @zmtp/transport-ws must reassemble such messages.
  it('a multipart message with parts up to 1 MiB from the page arrives intact in Node', async () => {
    await pageToNode(LARGE_PARTS)
  })
})
