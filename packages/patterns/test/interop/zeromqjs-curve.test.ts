/**
 * CURVE between our sockets and zeromq.js 6.8.0's (its bundled libzmq 4.3.5), over tcp and ws, each
 * side playing the server and each side binding. The options have the same names on both sides.
 */
import { describe, expect, it } from 'vitest'
import * as zmq from 'zeromq'
import { Authenticator, curveKeyPair, Dealer, ErrorCode, Router } from '../../src/index.js'
import { handshakeOutcome, text } from '../helpers.js'
import { byName, TCP, WS } from '../transport-cases.js'
import { BINDERS, zeromqjsSuite } from './zeromqjs-setup.js'

describe.each(byName([TCP, WS]))('CURVE with zeromq.js over %s', (_, t) => {
  const { track, z, bound } = zeromqjsSuite(t)
  const opts = { ...t.options, linger: 0 }

  describe.each(BINDERS)('%s side binding', (binder) => {
    it('our CURVE server (keys allowed by an Authenticator) and a zeromq.js CURVE client', async () => {
      const server = curveKeyPair()
      const client = zmq.curveKeyPair()
      const auth = new Authenticator({ curveKeys: [client.publicKey] })
      const router = track(
        new Router({ ...opts, curveServer: true, curveSecretKey: server.secretKey, zap: auth.authenticate }),
      )
      const dealer = z(
        new zmq.Dealer({
          curveServerKey: server.publicKey,
          curvePublicKey: client.publicKey,
          curveSecretKey: client.secretKey,
        }),
      )
      const outcome = handshakeOutcome(router)
      if (binder === 'ours') dealer.connect(await bound(router))
      else router.connect(await bound(dealer))
      expect(await outcome).toMatchObject({ type: 'handshake', mechanism: 'CURVE', userId: client.publicKey })
      await dealer.send(['hello', ''])
      const [id, ...body] = await router.receive()
      expect(text(body)).toEqual(['hello', ''])
      await router.send([id!, 'back'])
      expect(text(await dealer.receive())).toEqual(['back'])
    })

    it('a zeromq.js CURVE server and our CURVE client', async () => {
      const server = zmq.curveKeyPair()
      const client = curveKeyPair()
      const router = z(new zmq.Router({ curveServer: true, curveSecretKey: server.secretKey }))
      const dealer = track(
        new Dealer({
          ...opts,
          curveServerKey: server.publicKey,
          curvePublicKey: client.publicKey,
          curveSecretKey: client.secretKey,
        }),
      )
      const outcome = handshakeOutcome(dealer)
      if (binder === 'ours') router.connect(await bound(dealer))
      else dealer.connect(await bound(router))
      expect(await outcome).toMatchObject({ type: 'handshake', mechanism: 'CURVE' })
      await dealer.send(['hello'])
      const [id, ...body] = await router.receive()
      expect(text(body)).toEqual(['hello'])
      await router.send([id!, 'back'])
      expect(text(await dealer.receive())).toEqual(['back'])
    })

    it('refuses a zeromq.js client that holds a wrong server key', async () => {
      const server = curveKeyPair()
      const client = zmq.curveKeyPair()
      const router = track(new Router({ ...opts, curveServer: true, curveSecretKey: server.secretKey }))
      const dealer = z(
        new zmq.Dealer({
          curveServerKey: curveKeyPair().publicKey,
          curvePublicKey: client.publicKey,
          curveSecretKey: client.secretKey,
        }),
      )
      const outcome = handshakeOutcome(router)
      if (binder === 'ours') dealer.connect(await bound(router))
      else router.connect(await bound(dealer))
      const event = await outcome
      expect(event.type).toBe('handshake:error:protocol')
      expect(event.error).toMatchObject({ code: ErrorCode.DecryptFailed })
    })
  })
})
