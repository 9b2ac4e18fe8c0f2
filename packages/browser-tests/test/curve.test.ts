/**
 * CURVE between a page in headless Chromium (the bundle, browser `ws()`, offering `ZWS2.0-CURVE`) and
 * a Node Router over ws://127.0.0.1: the page makes its own key pair, the Node side's ZAP handler lets
 * that key in, and a page holding the wrong server key is refused.
 */

import * as patterns from '@zmtp/patterns'
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
    page = await openPage(browser, server.origin)
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
      const keys = zmtp.curveKeyPair()
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
        const keys = zmtp.curveKeyPair()
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
