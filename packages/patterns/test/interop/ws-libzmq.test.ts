/**
 * Interop over `ws://` (ZWS 2.0, RFC 45) with real libzmq 4.3.4 (Debian's pyzmq; its build reports
 * `zmq.has('ws')` False, yet ws:// works). NULL mode (`ZWS2.0/NULL`: the mechanism handshake, READY with
 * Socket-Type and Identity) is what libzmq offers first and what our Node client offers first: the
 * pattern suites (libzmq-*.test.ts) run in it over ws as over tcp and ipc; here is only what differs
 * over ws. Legacy mode (`ZWS2.0`: no mechanism, each side
 * first sends its routing id) is checked at the byte level with a raw WebSocket client, and end to end
 * with our sockets on the browser build of the transport (which libzmq answers with `ZWS2.0`).
 */
import { ErrorCode } from '@zmtp/core'
import { requireLibzmq } from '@zmtp/test-peers'
import { ws } from '@zmtp/transport-ws'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
// The browser build of our transport, which offers `ZWS2.0-NULL, ZWS2.0`: libzmq knows only the second.
import { ws as browserWs } from '../../node_modules/@zmtp/transport-ws/dist/browser.js'
import { Dealer, Publisher, Pull, Push, Request, Router, Subscriber } from '../../src/index.js'
import { nextEvent, publishUntilReceived, text } from '../helpers.js'
import { WS } from '../transport-cases.js'
import { rounds } from './exchanges.js'
import { bytes, expected, MiB, MULTIPART, nextOther, pattern, sameBytes } from './frames.js'
import { libzmqSuite } from './libzmq-setup.js'
import { RawZws, WS_ANY, withGlobalWebSocket, zwsFrame } from './ws-setup.js'

const opts = WS.options

describe.skipIf(requireLibzmq() === 'skip')('patterns with libzmq over ws:// (ZWS 2.0)', () => {
  const z = libzmqSuite()
  const raws: RawZws[] = []
  const raw = (url: string, protocols: string[]) => {
    const socket = new RawZws(url, protocols)
    raws.push(socket)
    return socket
  }
  afterEach(() => {
    for (const socket of raws.splice(0)) socket.close()
  })

  describe('socket-type check in NULL mode', () => {
    // libzmq's ws engine reports HANDSHAKE_SUCCEEDED once the WebSocket upgrade is done, before the ZMTP
    // READY exchange, so a refused pairing shows there as HANDSHAKE_SUCCEEDED then DISCONNECTED.

    it('our Publisher and a libzmq PUSH connecting over ws refuse each other', async () => {
      const pub = z.ours(new Publisher(opts))
      await pub.bind(WS_ANY)
      const endpoint = pub.lastEndpoint!
      let handshakes = 0
      pub.events.on('handshake', () => handshakes++)
      const dropped = nextEvent(pub, 'disconnect')
      const push = await z.zmq('PUSH')
      await push.connect(endpoint)
      // Both READYs cross at once: usually we read the PUSH's first and refuse it; sometimes libzmq reads
      // ours first and closes the TCP connection (no close frame), and we see the connection end.
      const { error } = await dropped
      if (error !== undefined) expect(error).toMatchObject({ code: ErrorCode.SocketTypeMismatch })
      expect(handshakes).toBe(0)
      expect(await push.waitEvent('DISCONNECTED')).toMatchObject({ endpoint })
    })
  })

  describe('legacy mode (ZWS2.0: routing ids, no mechanism), by hand', () => {
    // libzmq as a client always offers `ZWS2.0/NULL, ZWS2.0` and our server takes the first, so legacy
    // mode with a libzmq client is not reachable from our server; our Node client offers the same list
    // (and has no option to offer less), so it reaches libzmq's server in NULL mode too. A raw WebSocket
    // offering only `ZWS2.0` shows what a libzmq server does in legacy mode (jszmq connects this way; our
    // browser build gets there too, below).

    it('a libzmq ROUTER server sends its routing id first and takes ours, then routes by it', async () => {
      const router = await z.zmq('ROUTER', { ROUTING_ID: 'zrouter', ROUTER_MANDATORY: 1 })
      const endpoint = await router.bind(WS_ANY)
      const client = raw(endpoint, ['ZWS2.0'])
      await client.opened
      expect(client.protocol).toBe('ZWS2.0')
      // Not a READY command (flags 0x02): a final data frame holding the routing id.
      expect([...(await client.next())]).toEqual([...zwsFrame(0, 'zrouter')])
      client.send(0, 'raw-1')
      client.sendMessage(['hello', '', 'there'])
      expect(text(await router.receive())).toEqual(['raw-1', 'hello', '', 'there'])
      await router.send(['raw-1', 'back', ''])
      expect(bytes([await client.next(), await client.next()])).toEqual(
        bytes([zwsFrame(1, 'back'), zwsFrame(0, '')]),
      )
    })

    it('a libzmq server in legacy mode sends an empty routing id when it has none', async () => {
      const rep = await z.zmq('REP')
      const endpoint = await rep.bind(WS_ANY)
      const client = raw(endpoint, ['ZWS2.0'])
      await client.opened
      expect([...(await client.next())]).toEqual([0])
      client.send(0, '')
      // A REQ's envelope by hand: the empty delimiter, then the request.
      client.sendMessage(['', 'ping'])
      expect(text(await rep.receive())).toEqual(['ping'])
      await rep.send(['pong'])
      expect(bytes([await client.next(), await client.next()])).toEqual(
        bytes([zwsFrame(1, ''), zwsFrame(0, 'pong')]),
      )
    })

    it('legacy mode has no socket-type check: a libzmq PULL takes messages from any client', async () => {
      const pull = await z.zmq('PULL')
      const endpoint = await pull.bind(WS_ANY)
      const client = raw(endpoint, ['ZWS2.0'])
      await client.opened
      await client.next()
      client.send(0, '')
      client.sendMessage(['unchecked', 'peer'])
      expect(text(await pull.receive())).toEqual(['unchecked', 'peer'])
    })

    it('a libzmq PUB in legacy mode takes 0x01/0x00 subscription messages', async () => {
      const pub = await z.zmq('PUB')
      const endpoint = await pub.bind(WS_ANY)
      const client = raw(endpoint, ['ZWS2.0'])
      await client.opened
      await client.next()
      client.send(0, '')
      client.send(0, new Uint8Array([1, 0x41]))
      const first = await publishUntilReceived(
        () => pub.send(['A', 'x']),
        () => client.next(),
      )
      expect([...first]).toEqual([...zwsFrame(1, 'A')])
      client.send(0, new Uint8Array([0, 0x41]))
      client.send(0, new Uint8Array([1, 0x5a]))
      // Once Z arrives, the cancel of A sent before it has taken effect.
      await publishUntilReceived(
        () => pub.send(['Z', 'marker']),
        async () => {
          for (;;) if (text(await client.receive())[0] === 'Z') return
        },
      )
      await pub.send(['A', 'unsubscribed'])
      await pub.send(['Z2', 'last'])
      expect(text(await nextOther(() => client.receive(), 'Z'))).toEqual(['Z2', 'last'])
    })
  })

  describe('legacy mode (ZWS2.0) from Node: ws({ subprotocols: [ZWS2.0] })', () => {
    // A Node client can ask for legacy mode itself; libzmq binds, since its own client offers NULL first.
    const legacy = { transports: [ws({ subprotocols: ['ZWS2.0'] })], linger: 0 }

    it("our Dealer's routing id reaches a libzmq ROUTER as the first message, and replies come back", async () => {
      const dealer = z.ours(new Dealer({ ...legacy, routingId: 'node-legacy' }))
      const router = await z.zmq('ROUTER', { ROUTER_MANDATORY: 1 })
      await z.join(dealer, router, 'libzmq', WS_ANY)
      await dealer.send(['hello', ...MULTIPART])
      expect(bytes(await router.receive())).toEqual(expected(['node-legacy', 'hello', ...MULTIPART]))
      await router.send(['node-legacy', 'back'])
      expect(text(await dealer.receive())).toEqual(['back'])
    })

    it('no socket-type check in legacy mode: our Push reaches a libzmq PUSH (NULL mode refuses it)', async () => {
      const push = z.ours(new Push(legacy))
      const theirs = await z.zmq('PUSH')
      // join() resolves only once our side reports the handshake.
      await z.join(push, theirs, 'libzmq', WS_ANY)
    })
  })

  describe('legacy mode (ZWS2.0) with our sockets: the browser build of the transport', () => {
    // What a page gets from a libzmq server: our browser transport offers `ZWS2.0-NULL, ZWS2.0`, libzmq
    // takes `ZWS2.0`, and our engine runs the routing-id exchange. Here the `ws` library stands in for
    // the browser's WebSocket. A browser only connects, so libzmq binds.
    const browser = { transports: [browserWs()], linger: 0 }
    const global = withGlobalWebSocket()
    beforeAll(global.install)
    afterAll(global.restore)

    it("routing ids cross both ways: our Dealer's to a libzmq ROUTER, a libzmq DEALER's to our Router", async () => {
      const dealer = z.ours(new Dealer({ ...browser, routingId: 'page-dealer' }))
      const router = await z.zmq('ROUTER', { ROUTER_MANDATORY: 1 })
      await z.join(dealer, router, 'libzmq', WS_ANY)
      await dealer.send(['hello', ...MULTIPART])
      expect(bytes(await router.receive())).toEqual(expected(['page-dealer', 'hello', ...MULTIPART]))
      await router.send(['page-dealer', 'back', ...MULTIPART])
      expect(bytes(await dealer.receive())).toEqual(expected(['back', ...MULTIPART]))

      const ourRouter = z.ours(new Router({ ...browser, mandatory: true }))
      const theirDealer = await z.zmq('DEALER', { ROUTING_ID: 'zmq-dealer' })
      await z.join(ourRouter, theirDealer, 'libzmq', WS_ANY)
      // The libzmq DEALER's first message over ZWS2.0 is its routing id: our Router routes by it at once.
      await ourRouter.send(['zmq-dealer', 'to libzmq'])
      expect(text(await theirDealer.receive())).toEqual(['to libzmq'])
      await theirDealer.send(['to ours'])
      expect(text(await ourRouter.receive())).toEqual(['zmq-dealer', 'to ours'])
    })

    it('our Request to a libzmq REP', async () => {
      const req = z.ours(new Request(browser))
      const rep = await z.zmq('REP')
      await z.join(req, rep, 'libzmq', WS_ANY)
      await rounds(req, rep)
    })

    it("our Subscriber's subscribe and unsubscribe reach a libzmq XPUB as 0x01/0x00 messages", async () => {
      const sub = z.ours(new Subscriber(browser))
      const xpub = await z.zmq('XPUB')
      await z.join(sub, xpub, 'libzmq', WS_ANY)
      sub.subscribe('A')
      expect(bytes(await xpub.receive())).toEqual([[1, 0x41]])
      await xpub.send(['A1', 'x'])
      await xpub.send(['B1', 'not subscribed'])
      await xpub.send(['A2', 'y'])
      expect(text(await sub.receive())).toEqual(['A1', 'x'])
      expect(text(await sub.receive())).toEqual(['A2', 'y'])
      sub.unsubscribe('A')
      expect(bytes(await xpub.receive())).toEqual([[0, 0x41]])
    })

    it('Push and Pull with libzmq both ways: multipart messages and a 1 MiB frame', async () => {
      const push = z.ours(new Push(browser))
      const pull = await z.zmq('PULL')
      await z.join(push, pull, 'libzmq', WS_ANY)
      const big = pattern(MiB, 3)
      await push.send(['big', big, ''])
      for (let i = 0; i < 20; i++) await push.send([`m${i}`, ...MULTIPART])
      const [tag, body, trailer] = await pull.receive()
      expect(text([tag!, trailer!])).toEqual(['big', ''])
      expect(sameBytes(body!, big)).toBe(true)
      for (let i = 0; i < 20; i++) {
        expect(bytes(await pull.receive())).toEqual(expected([`m${i}`, ...MULTIPART]))
      }

      const ourPull = z.ours(new Pull(browser))
      const theirPush = await z.zmq('PUSH')
      await z.join(ourPull, theirPush, 'libzmq', WS_ANY)
      const back = pattern(MiB, 4)
      await theirPush.send(['big', back, ''])
      for (let i = 0; i < 20; i++) await theirPush.send([`m${i}`, ...MULTIPART])
      const [tag2, body2, trailer2] = await ourPull.receive()
      expect(text([tag2!, trailer2!])).toEqual(['big', ''])
      expect(sameBytes(body2!, back)).toBe(true)
      for (let i = 0; i < 20; i++) {
        expect(bytes(await ourPull.receive())).toEqual(expected([`m${i}`, ...MULTIPART]))
      }
    })
  })
})
