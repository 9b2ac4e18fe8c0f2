/**
 * Legacy ZWS 2.0 (`ZWS2.0`: no mechanism, no READY; each side first sends its routing id) with our
 * server: jszmq 0.1.2, an older ZWS 2.0 client that offers only that subprotocol (as any browser client
 * of libzmq must), connecting to our bound sockets; and a raw WebSocket client showing the bytes our
 * server sends in that mode. jszmq is a client peer only: it is not a faithful server.
 */
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ErrorCode } from '@zmtp/core'
import jszmq from 'jszmq'
import { afterEach, describe, expect, it } from 'vitest'
import { Dealer, Publisher, Pull, Push, Reply, Router, type Socket, XPublisher } from '../../src/index.js'
import { nextEvent, publishUntilReceived, socketTracker, text } from '../helpers.js'
import { WS } from '../transport-cases.js'
import {
  bytes,
  expected,
  expectGeneratedId,
  MiB,
  MULTIPART,
  nextOther,
  pattern,
  sameBytes,
} from './frames.js'
import { RawZws, WS_ANY, zwsFrame } from './ws-setup.js'

const opts = WS.options

/** What the tests use of any jszmq socket (they all derive from its SocketBase). */
interface JsSocket {
  connect(address: string): void
  close(): void
  on(event: 'message', listener: (...frames: Buffer[]) => void): unknown
}

/** jszmq delivers messages as events: this queues them and hands them out one at a time. */
function receiver(socket: JsSocket): () => Promise<Buffer[]> {
  const received: Buffer[][] = []
  const waiters: ((message: Buffer[]) => void)[] = []
  socket.on('message', (...frames: Buffer[]) => {
    const waiter = waiters.shift()
    if (waiter) waiter(frames)
    else received.push(frames)
  })
  return () => {
    const message = received.shift()
    if (message) return Promise.resolve(message)
    return new Promise((resolve) => waiters.push(resolve))
  }
}

describe('legacy ZWS2.0 clients of our ws:// server', () => {
  const ours = socketTracker()
  const theirs: JsSocket[] = []
  const raws: RawZws[] = []
  const servers: HttpServer[] = []
  afterEach(() => {
    // jszmq first: it reconnects to a server that goes away, unless closed.
    for (const socket of theirs.splice(0)) socket.close()
    for (const socket of raws.splice(0)) socket.close()
    ours.cleanup()
    for (const server of servers.splice(0)) server.close()
  })
  const track = ours.track

  function js<T extends JsSocket>(socket: T): T {
    theirs.push(socket)
    return socket
  }

  /** Binds ours to an ephemeral port, connects jszmq's, and waits for our side of the handshake. */
  async function join(our: Socket & { bind(endpoint: string): Promise<void> }, their: JsSocket) {
    await our.bind(WS_ANY)
    const handshake = nextEvent(our, 'handshake')
    their.connect(our.lastEndpoint!)
    await handshake
  }

  describe('jszmq 0.1.2', () => {
    it('a jszmq Dealer to our Router: generated id, replies routed back', async () => {
      const router = track(new Router({ ...opts, mandatory: true }))
      const dealer = js(new jszmq.Dealer())
      const receive = receiver(dealer)
      await join(router, dealer)
      for (let i = 0; i < 3; i++) {
        dealer.send([`q${i}`, ...MULTIPART.map((frame) => Buffer.from(frame))])
        const [id, ...rest] = await router.receive()
        // jszmq sends an empty routing id, so we generate one as for an anonymous ZMTP peer.
        expectGeneratedId(id)
        expect(bytes(rest)).toEqual(expected([`q${i}`, ...MULTIPART]))
        await router.send([id!, `a${i}`, ...MULTIPART])
        expect(bytes(await receive())).toEqual(expected([`a${i}`, ...MULTIPART]))
      }
    })

    it("a jszmq Dealer's routing id (its first message) is the id our Router routes by", async () => {
      const router = track(new Router({ ...opts, mandatory: true }))
      const dealer = js(new jszmq.Dealer())
      dealer.options.routingId = 'js-dealer'
      const receive = receiver(dealer)
      await join(router, dealer)
      dealer.send(['hello', ''])
      expect(text(await router.receive())).toEqual(['js-dealer', 'hello', ''])
      await router.send(['js-dealer', 'back'])
      expect(text(await receive())).toEqual(['back'])
    })

    it('a jszmq Dealer to our Dealer, both ways', async () => {
      const ourDealer = track(new Dealer(opts))
      const dealer = js(new jszmq.Dealer())
      const receive = receiver(dealer)
      await join(ourDealer, dealer)
      dealer.send(['to ours', ''])
      expect(text(await ourDealer.receive())).toEqual(['to ours', ''])
      await ourDealer.send(['to jszmq', '', 'x'])
      expect(text(await receive())).toEqual(['to jszmq', '', 'x'])
    })

    it('a jszmq Req to our Reply', async () => {
      const rep = track(new Reply(opts))
      const req = js(new jszmq.Req())
      const receive = receiver(req)
      await join(rep, req)
      for (let i = 0; i < 3; i++) {
        req.send([`q${i}`, 'body'])
        expect(text(await rep.receive())).toEqual([`q${i}`, 'body'])
        await rep.send([`a${i}`, ''])
        expect(text(await receive())).toEqual([`a${i}`, ''])
      }
    })

    it('a jszmq Sub to our Publisher, filtered by its subscription', async () => {
      const pub = track(new Publisher(opts))
      const sub = js(new jszmq.Sub())
      const receive = receiver(sub)
      sub.subscribe('A')
      await join(pub, sub)
      const first = await publishUntilReceived(
        () => pub.send(['A1', 'x']),
        () => receive(),
      )
      expect(text(first)).toEqual(['A1', 'x'])
      await pub.send(['B1', 'not subscribed'])
      await pub.send(['A2', 'y'])
      expect(text(await nextOther(receive, 'A1'))).toEqual(['A2', 'y'])
    })

    it("a jszmq Sub's subscribe and unsubscribe reach our XPublisher as 0x01/0x00 messages", async () => {
      // jszmq also filters on its side, so only an XPublisher shows what reached us.
      const xpub = track(new XPublisher(opts))
      const sub = js(new jszmq.Sub())
      const receive = receiver(sub)
      sub.subscribe('A')
      await join(xpub, sub)
      expect(bytes(await xpub.receive())).toEqual([[1, 0x41]])
      await xpub.send(['A1', 'x'])
      expect(text(await receive())).toEqual(['A1', 'x'])
      sub.unsubscribe('A')
      expect(bytes(await xpub.receive())).toEqual([[0, 0x41]])
    })

    it('a jszmq Push to our Pull: multipart messages and a 1 MiB frame', async () => {
      const pull = track(new Pull(opts))
      const push = js(new jszmq.Push())
      await join(pull, push)
      const big = pattern(MiB, 6)
      push.send(['big', Buffer.from(big), Buffer.alloc(0)])
      for (let i = 0; i < 50; i++) push.send([`m${i}`, ...MULTIPART.map((frame) => Buffer.from(frame))])
      const [tag, body, trailer] = await pull.receive()
      expect(text([tag!, trailer!])).toEqual(['big', ''])
      expect(body!.length).toBe(MiB)
      expect(sameBytes(body!, big)).toBe(true)
      for (let i = 0; i < 50; i++) {
        expect(bytes(await pull.receive())).toEqual(expected([`m${i}`, ...MULTIPART]))
      }
    })

    it('our Push to a jszmq Pull: multipart messages and a 1 MiB frame', async () => {
      const push = track(new Push(opts))
      const pull = js(new jszmq.Pull())
      const receive = receiver(pull)
      await join(push, pull)
      const big = pattern(MiB, 7)
      await push.send(['big', big, ''])
      for (let i = 0; i < 50; i++) await push.send([`m${i}`, ...MULTIPART])
      const [tag, body, trailer] = await receive()
      expect(text([tag!, trailer!])).toEqual(['big', ''])
      expect(body!.length).toBe(MiB)
      expect(sameBytes(body!, big)).toBe(true)
      for (let i = 0; i < 50; i++) {
        expect(bytes(await receive())).toEqual(expected([`m${i}`, ...MULTIPART]))
      }
    })

    it('our Node client fails the handshake with a jszmq server, which echoes ZWS2.0/NULL', async () => {
      // jszmq serves through ws 7, which (unlike ws 8) takes the client's first subprotocol, whatever it
      // is: it answers `ZWS2.0/NULL` and then speaks legacy ZWS2.0 (its routing id first, no READY).
      // We see a data message where the handshake needs a command, and give up as after any protocol
      // error: jszmq is not a server for NULL-mode clients (libzmq ones included).
      const server = createServer()
      servers.push(server)
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const port = (server.address() as AddressInfo).port
      const pull = js(new jszmq.Pull())
      pull.bind(`ws://127.0.0.1:${port}/zmq`, server)
      const push = track(new Push(opts))
      const refused = nextEvent(push, 'handshake:error:protocol')
      push.connect(`ws://127.0.0.1:${port}/zmq`)
      expect((await refused).error).toMatchObject({ code: ErrorCode.MalformedCommand })
    })
  })

  describe('by hand', () => {
    function raw(url: string, protocols: string[]) {
      const socket = new RawZws(url, protocols)
      raws.push(socket)
      return socket
    }

    it('our server picks ZWS2.0, sends its routing id first and takes the client one', async () => {
      const router = track(new Router({ ...opts, routingId: 'ts-router', mandatory: true }))
      await router.bind(WS_ANY)
      const client = raw(router.lastEndpoint!, ['ZWS2.0'])
      await client.opened
      expect(client.protocol).toBe('ZWS2.0')
      // A final data frame holding the routing id, where NULL mode would send a READY command.
      expect([...(await client.next())]).toEqual([...zwsFrame(0, 'ts-router')])
      client.send(0, 'raw-1')
      client.sendMessage(['hello', '', 'there'])
      expect(text(await router.receive())).toEqual(['raw-1', 'hello', '', 'there'])
      await router.send(['raw-1', 'back', ''])
      expect(bytes(await client.receive())).toEqual(expected(['back', '']))
    })

    it('our server takes the first name offered that it accepts: ZWS2.0 or our alias ZWS2.0-NULL', async () => {
      const pull = track(new Pull(opts))
      await pull.bind(WS_ANY)
      const client = raw(pull.lastEndpoint!, ['ZWS2.0', 'ZWS2.0-NULL'])
      await client.opened
      // The first acceptable name in the client's order, as libzmq picks.
      expect(client.protocol).toBe('ZWS2.0')
      const other = raw(pull.lastEndpoint!, ['ZWS2.0-NULL', 'ZWS2.0'])
      await other.opened
      expect(other.protocol).toBe('ZWS2.0-NULL')
      // NULL mode: a READY command (flags 0x02) comes first.
      expect((await other.next())[0]).toBe(0x02)
    })

    it('our server skips the socket-type check in legacy mode, as libzmq does', async () => {
      const pull = track(new Pull(opts))
      await pull.bind(WS_ANY)
      const client = raw(pull.lastEndpoint!, ['ZWS2.0'])
      await client.opened
      expect([...(await client.next())]).toEqual([0])
      client.send(0, '')
      client.sendMessage(['unchecked', 'peer'])
      expect(text(await pull.receive())).toEqual(['unchecked', 'peer'])
    })
  })
})
