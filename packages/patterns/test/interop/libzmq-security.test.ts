/**
 * PLAIN, CURVE and ZAP at the socket level against real libzmq 4.3.4 (pyzmq), over tcp and ws, with
 * each side playing server and client and each side binding: security roles come from the options,
 * never from bind or connect.
 */
import { requireLibzmq } from '@zmtp/test-peers'
import { describe, expect, it } from 'vitest'
import {
  type Authenticate,
  Authenticator,
  type CurveKeyPair,
  curveKeyPair,
  Dealer,
  ErrorCode,
  Router,
  type Socket,
  type SocketEvent,
  Subscriber,
} from '../../src/index.js'
import { handshakeOutcome, publishUntilReceived, text } from '../helpers.js'
import { byName, TCP, WS } from '../transport-cases.js'
import { MiB, pattern, sameBytes } from './frames.js'
import { BINDERS, type Binder, libzmqSuite } from './libzmq-setup.js'

type OurSocket = Socket & { bind(endpoint: string): Promise<void>; connect(endpoint: string): void }
type Theirs = Awaited<ReturnType<ReturnType<typeof libzmqSuite>['zmq']>>

describe.skipIf(requireLibzmq() === 'skip').each(byName([TCP, WS]))(
  'security with libzmq over %s',
  (_, t) => {
    const z = libzmqSuite()
    const opts = t.options

    /** Our CURVE Router holding `secretKey`, asking `zap` when given. */
    const ourCurveRouter = (secretKey: string, zap?: Authenticate) =>
      z.ours(new Router({ ...opts, curveServer: true, curveSecretKey: secretKey, ...(zap ? { zap } : {}) }))

    /** A libzmq CURVE Dealer holding `client`'s keys and trusting `serverKey`. */
    const theirCurveDealer = (serverKey: string, client: CurveKeyPair) =>
      z.zmq('DEALER', {
        CURVE_SERVERKEY: serverKey,
        CURVE_PUBLICKEY: client.publicKey,
        CURVE_SECRETKEY: client.secretKey,
      })

    /** Our CURVE client options: `client`'s keys, trusting `serverKey`. */
    const curveClient = (serverKey: string, client: CurveKeyPair) => ({
      curveServerKey: serverKey,
      curvePublicKey: client.publicKey,
      curveSecretKey: client.secretKey,
    })

    /** Binds one side and connects the other; resolves with our first handshake outcome. */
    async function pair(ours: OurSocket, theirs: Theirs, binder: Binder): Promise<SocketEvent> {
      const outcome = handshakeOutcome(ours)
      if (binder === 'ours') {
        await ours.bind(t.bindTo())
        await theirs.connect(ours.lastEndpoint!)
      } else {
        ours.connect(await theirs.bind(t.bindTo()))
      }
      return outcome
    }

    async function roundTrip(ours: Dealer, theirs: Theirs) {
      await ours.send(['hello'])
      const [id, ...body] = await theirs.receive()
      expect(text(body)).toEqual(['hello'])
      await theirs.send([id!, 'welcome'])
      expect(text(await ours.receive())).toEqual(['welcome'])
    }

    describe.each(BINDERS)('%s side binding', (binder) => {
      it('PLAIN: a libzmq client logs in to our server; the ZAP handler names the user', async () => {
        const auth = new Authenticator({ plainUsers: { alice: 'secret' } })
        const router = z.ours(new Router({ ...opts, plainServer: true, zap: auth.authenticate }))
        const dealer = await z.zmq('DEALER', { PLAIN_USERNAME: 'alice', PLAIN_PASSWORD: 'secret' })
        const event = await pair(router, dealer, binder)
        expect(event).toMatchObject({ type: 'handshake', mechanism: 'PLAIN', userId: 'alice' })
        await dealer.send(['hi'])
        const [, body] = await router.receive()
        expect(text([body!])).toEqual(['hi'])
      })

      it('PLAIN: our ZAP handler refuses a libzmq client with a wrong password', async () => {
        const auth = new Authenticator({ plainUsers: { alice: 'secret' } })
        const router = z.ours(new Router({ ...opts, plainServer: true, zap: auth.authenticate }))
        const dealer = await z.zmq('DEALER', { PLAIN_USERNAME: 'alice', PLAIN_PASSWORD: 'guess' })
        const event = await pair(router, dealer, binder)
        expect(event.type).toBe('handshake:error:auth')
        expect(event.error).toMatchObject({ code: ErrorCode.AuthFailed })
        expect(event.error?.message).not.toContain('guess')
      })

      it('PLAIN: our client logs in to a libzmq server whose ZAP handler accepts', async () => {
        await z.peer.startZap({ plain: { bob: 'pw' } })
        try {
          const router = await z.zmq('ROUTER', { PLAIN_SERVER: 1 })
          const dealer = z.ours(new Dealer({ ...opts, plainUsername: 'bob', plainPassword: 'pw' }))
          const event = await pair(dealer, router, binder)
          expect(event).toMatchObject({ type: 'handshake', mechanism: 'PLAIN' })
          await roundTrip(dealer, router)
        } finally {
          await z.peer.stopZap()
        }
      })

      it('PLAIN: a libzmq ZAP handler refuses our client', async () => {
        await z.peer.startZap({ plain: { bob: 'pw' } })
        try {
          const router = await z.zmq('ROUTER', { PLAIN_SERVER: 1 })
          const dealer = z.ours(new Dealer({ ...opts, plainUsername: 'bob', plainPassword: 'nope' }))
          const event = await pair(dealer, router, binder)
          expect(event.type).toBe('handshake:error:auth')
          expect(event.error?.message).not.toContain('nope')
        } finally {
          await z.peer.stopZap()
        }
      })

      it('CURVE: a libzmq client with the right keys, on our allow list, trades messages', async () => {
        const server = curveKeyPair()
        const client = await z.peer.curveKeyPair()
        const auth = new Authenticator({ curveKeys: [client.publicKey] })
        const router = ourCurveRouter(server.secretKey, auth.authenticate)
        const dealer = await theirCurveDealer(server.publicKey, client)
        const event = await pair(router, dealer, binder)
        expect(event).toMatchObject({ type: 'handshake', mechanism: 'CURVE', userId: client.publicKey })
        await dealer.send(['hi'])
        const [id, body] = await router.receive()
        expect(text([body!])).toEqual(['hi'])
        await router.send([id!, 'back'])
        expect(text(await dealer.receive())).toEqual(['back'])
      })

      it('CURVE: a libzmq client whose key is not on our allow list is refused by ZAP', async () => {
        const server = curveKeyPair()
        const client = await z.peer.curveKeyPair()
        const auth = new Authenticator({ curveKeys: [curveKeyPair().publicKey] })
        const router = ourCurveRouter(server.secretKey, auth.authenticate)
        const dealer = await theirCurveDealer(server.publicKey, client)
        const event = await pair(router, dealer, binder)
        expect(event.type).toBe('handshake:error:auth')
        expect(event.error?.message).not.toContain(client.publicKey)
      })

      it('CURVE: a libzmq client with a wrong server key is refused', async () => {
        const server = curveKeyPair()
        const client = await z.peer.curveKeyPair()
        const router = ourCurveRouter(server.secretKey)
        const dealer = await theirCurveDealer(curveKeyPair().publicKey, client)
        const event = await pair(router, dealer, binder)
        expect(event.type).toBe('handshake:error:protocol')
        expect(event.error).toMatchObject({ code: ErrorCode.DecryptFailed })
        expect(event.error?.message).not.toContain(server.secretKey)
      })

      // 16 MiB sealed and opened by pure-JS crypto each way: seconds alone, far more on a busy machine.
      it('CURVE: our client to a libzmq server whose ZAP handler allows its key; 16 MiB each way', async () => {
        const server = await z.peer.curveKeyPair()
        const client = curveKeyPair()
        await z.peer.startZap({ curve: [client.publicKey] })
        try {
          const router = await z.zmq('ROUTER', { CURVE_SERVER: 1, CURVE_SECRETKEY: server.secretKey })
          const dealer = z.ours(
            new Dealer({
              ...opts,
              ...curveClient(server.publicKey, client),
            }),
          )
          const event = await pair(dealer, router, binder)
          expect(event).toMatchObject({ type: 'handshake', mechanism: 'CURVE' })
          await roundTrip(dealer, router)
          const big = pattern(16 * MiB, 7)
          await dealer.send([big])
          const [id, received] = await router.receive({ timeout: 100_000 })
          expect(sameBytes(received!, big)).toBe(true)
          await router.send([id!, big])
          const [back] = await dealer.receive()
          expect(sameBytes(back!, big)).toBe(true)
        } finally {
          await z.peer.stopZap()
        }
      }, 120_000)

      it('CURVE: a libzmq ZAP handler refuses our client key', async () => {
        const server = await z.peer.curveKeyPair()
        await z.peer.startZap({ curve: [curveKeyPair().publicKey] })
        try {
          const router = await z.zmq('ROUTER', { CURVE_SERVER: 1, CURVE_SECRETKEY: server.secretKey })
          const client = curveKeyPair()
          const dealer = z.ours(
            new Dealer({
              ...opts,
              ...curveClient(server.publicKey, client),
            }),
          )
          const event = await pair(dealer, router, binder)
          expect(event.type).toBe('handshake:error:auth')
        } finally {
          await z.peer.stopZap()
        }
      })

      it('CURVE: our Subscriber under CURVE gets what a libzmq PUB server publishes to its topic', async () => {
        const server = await z.peer.curveKeyPair()
        const pub = await z.zmq('PUB', { CURVE_SERVER: 1, CURVE_SECRETKEY: server.secretKey })
        const client = curveKeyPair()
        const sub = z.ours(
          new Subscriber({
            ...opts,
            ...curveClient(server.publicKey, client),
          }),
        )
        sub.subscribe('news')
        const event = await pair(sub, pub, binder)
        expect(event).toMatchObject({ type: 'handshake', mechanism: 'CURVE' })
        const received = await publishUntilReceived(
          async () => {
            await pub.send(['other', 'x'])
            await pub.send(['news', 'y'])
          },
          () => sub.receive(),
          10_000,
        )
        expect(text(received)).toEqual(['news', 'y'])
      })
    })
  },
)
