/**
 * The connection between a page in headless Chromium and a Node server: what the browser transport can
 * and cannot do, the negotiated handshake, origins, reconnecting and heartbeats.
 */

import type { Request } from '@zmtp/patterns'
import * as patterns from '@zmtp/patterns'
import { ws } from '@zmtp/transport-ws'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  closePage,
  launchChromium,
  nextEvent,
  openPage,
  type PageServer,
  recordEvents,
  requireChromium,
  socketTracker,
  startPageServer,
  text,
  types,
} from './harness.js'

const RECEIVE_TIMEOUT = 5000

let counter = 0
const endpoint = (name: string) => `ws://127.0.0.1:*/${name}-${process.pid}-${++counter}`

describe.skipIf(requireChromium() === 'skip')('the browser transport against a Node server', () => {
  let browser: Browser
  let server: PageServer
  let page: Page
  const { track, cleanup } = socketTracker()
  const opts = () => ({ transports: [ws()], receiveTimeout: RECEIVE_TIMEOUT })

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

  it('bind() in the page rejects with ERR_TRANSPORT_UNSUPPORTED', async () => {
    const result = await page.evaluate(async () => {
      const pull = kit.add('pull', new zmtp.Pull({ transports: [zmtp.ws()] }))
      try {
        await pull.bind('ws://127.0.0.1:*/nowhere')
        return { bound: true }
      } catch (error) {
        return {
          bound: false,
          code: (error as { code?: string }).code,
          isZmtpError: zmtp.isZmtpError(error),
          events: kit.events('pull'),
        }
      }
    })
    expect(result).toMatchObject({
      bound: false,
      code: 'ERR_TRANSPORT_UNSUPPORTED',
      isZmtpError: true,
    })
    expect(result.events).toContainEqual({ type: 'bind:error', code: 'ERR_TRANSPORT_UNSUPPORTED' })
  })

  it('negotiates the full ZMTP handshake (ZWS2.0-NULL): READY carries the routing id', async () => {
    const router = track(new patterns.Router(opts()))
    await router.bind(endpoint('router'))
    const protocol = await page.evaluate(async (at) => {
      const dealer = kit.add('dealer', new zmtp.Dealer({ transports: [zmtp.ws()], routingId: 'page-dealer' }))
      dealer.connect(at)
      await dealer.send('hello')
      await kit.waitEvent('dealer', 'handshake')
      return kit.wire.map((socket) => socket.protocol)
    }, router.lastEndpoint!)
    // The first name the browser offers, our alias of ZWS2.0/NULL, not the legacy ZWS2.0.
    expect(protocol).toEqual(['ZWS2.0-NULL'])
    const [id, body] = await router.receive()
    expect(text([id!, body!])).toEqual(['page-dealer', 'hello'])
  })

  it('refuses mismatched socket types in the handshake: a page Push gets no handshake with a Node Push', async () => {
    // Legacy ZWS2.0 has no READY and so no socket-type check: this only fails under the full handshake.
    const nodePush = track(new patterns.Push(opts()))
    const nodeEvents = recordEvents(nodePush)
    await nodePush.bind(endpoint('push'))
    const failed = nextEvent(nodePush, 'handshake:error:protocol')
    const events = await page.evaluate(async (at) => {
      const push = kit.add('push', new zmtp.Push({ transports: [zmtp.ws()], reconnectInterval: 50 }))
      push.connect(at)
      await kit.waitEvent('push', 'handshake:error:protocol')
      return kit.events('push')
    }, nodePush.lastEndpoint!)
    expect((await failed).error).toMatchObject({ code: 'ERR_SOCKET_TYPE_MISMATCH' })
    expect(events).toContainEqual({ type: 'handshake:error:protocol', code: 'ERR_SOCKET_TYPE_MISMATCH' })
    expect(types(events)).not.toContain('handshake')
    expect(types(nodeEvents)).not.toContain('handshake')
    // As libzmq: a protocol error ends the endpoint, so the page does not try again.
    const retries = await page.evaluate(() => kit.count('push', 'connect:retry'))
    expect(retries).toBe(0)
  })

  it('a server whose origins exclude the page refuses the upgrade (403): no connection, accept:error ERR_FORBIDDEN', async () => {
    const guarded = track(
      new patterns.Pull({ ...opts(), transports: [ws({ origins: ['http://allowed.example'] })] }),
    )
    const guardedEvents = recordEvents(guarded)
    await guarded.bind(endpoint('guarded'))
    const refused = nextEvent(guarded, 'accept:error')
    const events = await page.evaluate(async (at) => {
      const push = kit.add('push', new zmtp.Push({ transports: [zmtp.ws()], reconnectInterval: 50 }))
      push.connect(at)
      // Two failed attempts, the second after a retry.
      await kit.waitEvent('push', 'connect:delay', 2)
      return kit.events('push')
    }, guarded.lastEndpoint!)
    expect(types(events)).toContain('connect:retry')
    expect(types(events)).not.toContain('connect')
    expect(types(events)).not.toContain('handshake')
    expect((await refused).error).toMatchObject({ code: 'ERR_FORBIDDEN' })
    expect(types(guardedEvents)).not.toContain('accept')

    // The same page is accepted where its origin is on the list.
    const open = track(new patterns.Pull({ ...opts(), transports: [ws({ origins: [server.origin] })] }))
    await open.bind(endpoint('open'))
    await page.evaluate(async (at) => {
      const push = kit.add('push-ok', new zmtp.Push({ transports: [zmtp.ws()] }))
      push.connect(at)
      await push.send('allowed')
    }, open.lastEndpoint!)
    expect(text(await open.receive())).toEqual(['allowed'])
  })

  it('reconnects by itself after the server restarts on the same port and path, and traffic resumes', async () => {
    const first = track(new patterns.Reply(opts()))
    await first.bind(endpoint('restart'))
    const at = first.lastEndpoint!
    const answer = async (reply: patterns.Reply) => {
      const [question] = await reply.receive()
      await reply.send(`answer to ${text([question!])[0]}`)
    }

    const answered = answer(first)
    const before = await page.evaluate(async (at) => {
      const request = kit.add('request', new zmtp.Request({ transports: [zmtp.ws()], reconnectInterval: 50 }))
      request.connect(at)
      await request.send('before')
      return kit.text(await kit.within(request.receive(), 'the first reply'))
    }, at)
    await answered
    expect(before).toEqual(['answer to before'])

    // The server goes away: its socket closes, and with its last route the HTTP server stops listening.
    first.close()
    await page.evaluate(() => kit.waitEvent('request', 'disconnect'))
    // The page keeps trying while nobody listens.
    await page.evaluate(() => kit.waitEvent('request', 'connect:retry'))

    const second = track(new patterns.Reply(opts()))
    await second.bind(at)
    expect(second.lastEndpoint).toBe(at)
    const answeredAgain = answer(second)
    const after = await page.evaluate(async () => {
      const request = kit.get<Request>('request')
      await request.send('after')
      const reply = kit.text(await kit.within(request.receive(), 'the reply after the restart'))
      return { reply, handshakes: kit.count('request', 'handshake') }
    })
    await answeredAgain
    expect(after).toEqual({ reply: ['answer to after'], handshakes: 2 })
  })

  it('heartbeats: ZMTP PINGs from the page are answered, and the connection stays up across many intervals', async () => {
    const interval = 50
    const beats = 8
    // The server pings with WebSocket pings (the browser answers them itself); the page sends ZMTP PINGs.
    // Timeouts are generous so that a busy machine cannot fail the test; the interval is what is short.
    const pair = track(new patterns.Pair({ ...opts(), heartbeatInterval: interval, heartbeatTimeout: 2000 }))
    const nodeEvents = recordEvents(pair)
    await pair.bind(endpoint('heartbeat'))
    const result = await page.evaluate(
      async ({ at, interval, beats }) => {
        const pair = kit.add(
          'pair',
          new zmtp.Pair({ transports: [zmtp.ws()], heartbeatInterval: interval, heartbeatTimeout: 2000 }),
        )
        pair.connect(at)
        await kit.waitEvent('pair', 'handshake')
        // Wait for the beats themselves, not for a fixed time.
        await kit.within(
          new Promise<void>((resolve) => {
            const check = () => {
              const stats = kit.wire[0]!
              if (stats.pingsSent >= beats && stats.pongsReceived >= beats) resolve()
              else setTimeout(check, interval)
            }
            check()
          }),
          `${beats} PING/PONG exchanges`,
          beats * interval + 5000,
        )
        await pair.send('still here')
        return { wire: kit.wire, events: kit.events('pair').map((event) => event.type) }
      },
      { at: pair.lastEndpoint!, interval, beats },
    )
    expect(text(await pair.receive())).toEqual(['still here'])
    expect(result.wire).toHaveLength(1)
    expect(result.wire[0]!.protocol).toBe('ZWS2.0-NULL')
    expect(result.wire[0]!.pingsSent).toBeGreaterThanOrEqual(beats)
    expect(result.wire[0]!.pongsReceived).toBeGreaterThanOrEqual(beats)
    expect(result.events).toEqual(['connect', 'handshake'])
    expect(types(nodeEvents)).toEqual(['bind', 'accept', 'handshake'])
  })
})
