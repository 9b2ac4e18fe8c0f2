/**
 * CURVE between a page in headless Chromium (the secure bundle, which imports `@zmtp/patterns/security`;
 * browser `ws()`, offering `ZWS2.0-CURVE`) and a Node Router over ws://127.0.0.1: the page makes its own
 * key pair, the Node side's ZAP handler lets that key in, and a page holding the wrong server key is
 * refused. On the page without that import, asking for PLAIN or CURVE fails at construction with ENOTSUP.
 */

import * as patterns from '@zmtp/patterns'
import { ws } from '@zmtp/transport-ws'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ZmtpSecureBrowser } from '../src/secure-entry.js'
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

let counter = 0
const endpoint = (name: string) => `ws://127.0.0.1:*/${name}-${process.pid}-${++counter}`

/** The next handshake outcome of `socket`: `handshake` or a `handshake:error:*` event. */
function outcome(socket: patterns.Socket): Promise<patterns.SocketEvent> {
  const types = ['handshake', 'handshake:error:auth', 'handshake:error:protocol'] as const
  return new Promise((resolve) => {
    const listener = (event: patterns.SocketEvent) => {
      for (const type of types) socket.events.off(type, listener)
      resolve(event)
    }
    for (const type of types) socket.events.on(type, listener)
  })
}

describe.skipIf(requireChromium() === 'skip')('CURVE between Chromium and Node over ws://', () => {
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
    page = await openPage(browser, server.origin, '/secure.html')
  })
  afterEach(async () => {
    await closePage(page)
    cleanup()
  })

  it('a Dealer in the page reaches a Node CURVE Router whose ZAP handler allows the page key', async () => {
    const serverKeys = patterns.curveKeyPair()
    const auth = new patterns.Authenticator()
    const router = track(
      new patterns.Router({
        transports: [ws()],
        curveServer: true,
        curveSecretKey: serverKeys.secretKey,
        zap: auth.authenticate,
      }),
    )
    await router.bind(endpoint('curve'))
    const pagePublicKey = await page.evaluate(() => {
      const keys = (zmtp as ZmtpSecureBrowser).curveKeyPair()
      ;(globalThis as unknown as { keys: typeof keys }).keys = keys
      return keys.publicKey
    })
    auth.allowCurveKey(pagePublicKey)
    const handshake = outcome(router)
    const replies = page.evaluate(
      async ([at, serverKey]) => {
        const { keys } = globalThis as unknown as { keys: { publicKey: string; secretKey: string } }
        const dealer = kit.add(
          'dealer',
          new zmtp.Dealer({
            transports: [zmtp.ws()],
            curveServerKey: serverKey,
            curvePublicKey: keys.publicKey,
            curveSecretKey: keys.secretKey,
          }),
        )
        dealer.connect(at!)
        for (let i = 0; i < 5; i++) await dealer.send(['job', `${i}`])
        const got: string[][] = []
        for (let i = 0; i < 5; i++) got.push(kit.text(await kit.within(dealer.receive(), `reply ${i}`)))
        return got
      },
      [router.lastEndpoint!, serverKeys.publicKey],
    )
    expect(await handshake).toMatchObject({ type: 'handshake', mechanism: 'CURVE', userId: pagePublicKey })
    for (let i = 0; i < 5; i++) {
      const [id, ...body] = await router.receive()
      expect(text(body)).toEqual(['job', `${i}`])
      await router.send([id!, 'done', `${i}`])
    }
    expect(await replies).toEqual(Array.from({ length: 5 }, (_, i) => ['done', `${i}`]))
  })

  it('a page holding a wrong server key is refused by the Node Router', async () => {
    const serverKeys = patterns.curveKeyPair()
    const router = track(
      new patterns.Router({ transports: [ws()], curveServer: true, curveSecretKey: serverKeys.secretKey }),
    )
    await router.bind(endpoint('curve-wrong'))
    const refused = outcome(router)
    await page.evaluate(
      ([at, wrongKey]) => {
        const keys = (zmtp as ZmtpSecureBrowser).curveKeyPair()
        const dealer = kit.add(
          'dealer',
          new zmtp.Dealer({
            transports: [zmtp.ws()],
            curveServerKey: wrongKey,
            curvePublicKey: keys.publicKey,
            curveSecretKey: keys.secretKey,
          }),
        )
        dealer.connect(at!)
      },
      [router.lastEndpoint!, patterns.curveKeyPair().publicKey],
    )
    const event = await refused
    expect(event.type).toBe('handshake:error:protocol')
    expect(event.error).toMatchObject({ code: patterns.ErrorCode.DecryptFailed })
  })
})

describe.skipIf(requireChromium() === 'skip')('PLAIN and CURVE on the page without security', () => {
  let browser: Browser
  let server: PageServer
  let page: Page

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
  afterEach(async () => closePage(page))

  it('has no CURVE key helpers, and a socket asking for PLAIN or CURVE fails at construction with ENOTSUP', async () => {
    const outcomes = await page.evaluate(() => {
      const attempt = (options: Record<string, unknown>) => {
        try {
          kit.add('socket', new zmtp.Dealer({ transports: [zmtp.ws()], ...options }))
          return { made: true }
        } catch (error) {
          const { name, code, message } = error as { name: string; code: string; message: string }
          return { name, code, message }
        }
      }
      const key = 'rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7'
      return {
        helpers: 'curveKeyPair' in zmtp,
        curve: attempt({ curveServerKey: key, curvePublicKey: key, curveSecretKey: key }),
        curveServer: attempt({ curveServer: true, curveSecretKey: key }),
        plain: attempt({ plainUsername: 'admin', plainPassword: 'secret' }),
        none: attempt({}),
      }
    })
    expect(outcomes.helpers).toBe(false)
    for (const [mechanism, outcome] of [
      ['CURVE', outcomes.curve],
      ['CURVE', outcomes.curveServer],
      ['PLAIN', outcomes.plain],
    ] as const) {
      expect(outcome).toMatchObject({ name: 'SocketError', code: 'ENOTSUP' })
      expect(outcome.message).toContain(`${mechanism} mechanism is not registered`)
      expect(outcome.message).toContain("import '@zmtp/patterns/security'")
    }
    expect(outcomes.none).toEqual({ made: true })
  })
})
