/**
 * Interop over `ws://` (ZWS 2.0 in NULL mode) with zeromq.js 6.8.0 and its bundled libzmq 4.3.5: each
 * pattern with our socket on one side and a zeromq.js socket on the other, each side binding in turn.
 * zeromq.js is a devDependency, so it must load: a missing native binary fails these tests.
 */

import { ws } from '@zmtp/transport-ws'
import { afterEach, describe, expect, it } from 'vitest'
import * as zmq from 'zeromq'
import {
  Dealer,
  Publisher,
  Pull,
  Push,
  Reply,
  Request,
  Router,
  type Socket,
  Subscriber,
} from '../../src/index.js'
import { nextEvent, publishUntilReceived, socketTracker, text } from '../helpers.js'
import { bytes, expected, MULTIPART, pattern, sameBytes } from './libzmq-setup.js'
import { wsOpts as opts, WS_ANY } from './ws-setup.js'

const MiB = 1024 * 1024

type Binder = 'ours' | 'zeromq.js'
const BINDERS: Binder[] = ['ours', 'zeromq.js']

type OurSocket = Socket & { bind(endpoint: string): Promise<void>; connect(endpoint: string): void }

/** The next message whose first frame is not `skip` (repeats left over from publishing until received). */
async function nextOther(receive: () => Promise<Uint8Array[]>, skip: string): Promise<Uint8Array[]> {
  for (;;) {
    const message = await receive()
    if (text(message)[0] !== skip) return message
  }
}

describe('interop with zeromq.js over ws://', () => {
  const ours = socketTracker()
  const theirs: zmq.Socket[] = []
  afterEach(() => {
    ours.cleanup()
    for (const socket of theirs.splice(0)) socket.close()
  })
  const track = ours.track

  function z<T extends zmq.Socket>(socket: T): T {
    socket.linger = 0
    theirs.push(socket)
    return socket
  }

  /** Binds `binder`'s socket to an ephemeral port, connects the other, and waits for our handshake. */
  async function join(our: OurSocket, their: zmq.Socket, binder: Binder): Promise<string> {
    const handshake = nextEvent(our, 'handshake')
    let endpoint: string
    if (binder === 'ours') {
      await our.bind(WS_ANY)
      endpoint = our.lastEndpoint!
      their.connect(endpoint)
    } else {
      await their.bind(WS_ANY)
      endpoint = their.lastEndpoint!
      our.connect(endpoint)
    }
    expect(endpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/zmq$/)
    await handshake
    return endpoint
  }

  it('zeromq.js binds ws:// to an ephemeral port and reports it in lastEndpoint', async () => {
    const rep = z(new zmq.Reply())
    await rep.bind('ws://127.0.0.1:*/zmq')
    expect(rep.lastEndpoint).toMatch(/^ws:\/\/127\.0\.0\.1:([1-9]\d*)\/zmq$/)
    // Without a path libzmq binds `/` and says so.
    const other = z(new zmq.Reply())
    await other.bind('ws://127.0.0.1:*')
    expect(other.lastEndpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/)
  })

  describe.each(BINDERS)('%s side binding', (binder) => {
    it('our Request to a zeromq.js Reply', async () => {
      const req = track(new Request(opts))
      const rep = z(new zmq.Reply())
      await join(req, rep, binder)
      for (let i = 0; i < 3; i++) {
        await req.send([`q${i}`, ...MULTIPART])
        expect(bytes(await rep.receive())).toEqual(expected([`q${i}`, ...MULTIPART]))
        await rep.send([`a${i}`, ...MULTIPART])
        expect(bytes(await req.receive())).toEqual(expected([`a${i}`, ...MULTIPART]))
      }
    })

    it('a zeromq.js Request to our Reply', async () => {
      const rep = track(new Reply(opts))
      const req = z(new zmq.Request())
      await join(rep, req, binder)
      for (let i = 0; i < 3; i++) {
        await req.send([`q${i}`, ...MULTIPART])
        expect(bytes(await rep.receive())).toEqual(expected([`q${i}`, ...MULTIPART]))
        await rep.send([`a${i}`, ...MULTIPART])
        expect(bytes(await req.receive())).toEqual(expected([`a${i}`, ...MULTIPART]))
      }
    })

    it("our Dealer's routing id reaches a zeromq.js Router, which routes replies by it", async () => {
      const dealer = track(new Dealer({ ...opts, routingId: 'our-dealer' }))
      const router = z(new zmq.Router({ mandatory: true }))
      await join(dealer, router, binder)
      for (let i = 0; i < 3; i++) {
        await dealer.send([`q${i}`, ...MULTIPART])
        expect(bytes(await router.receive())).toEqual(expected(['our-dealer', `q${i}`, ...MULTIPART]))
        await router.send(['our-dealer', `a${i}`, ...MULTIPART])
        expect(bytes(await dealer.receive())).toEqual(expected([`a${i}`, ...MULTIPART]))
      }
    })

    it("a zeromq.js Dealer's routing id reaches our Router, which routes replies by it", async () => {
      const router = track(new Router({ ...opts, mandatory: true }))
      const dealer = z(new zmq.Dealer({ routingId: 'their-dealer' }))
      await join(router, dealer, binder)
      for (let i = 0; i < 3; i++) {
        await dealer.send([`q${i}`, ...MULTIPART])
        expect(bytes(await router.receive())).toEqual(expected(['their-dealer', `q${i}`, ...MULTIPART]))
        await router.send(['their-dealer', `a${i}`, ...MULTIPART])
        expect(bytes(await dealer.receive())).toEqual(expected([`a${i}`, ...MULTIPART]))
      }
    })

    it('our Publisher to a zeromq.js Subscriber that subscribes, then unsubscribes', async () => {
      const pub = track(new Publisher(opts))
      const sub = z(new zmq.Subscriber())
      sub.subscribe('A')
      await join(pub, sub, binder)
      const first = await publishUntilReceived(
        () => pub.send(['A1', ...MULTIPART]),
        () => sub.receive(),
      )
      expect(bytes(first)).toEqual(expected(['A1', ...MULTIPART]))
      await pub.send(['B1', 'not subscribed'])
      await pub.send(['A2', ...MULTIPART])
      expect(bytes(await nextOther(() => sub.receive(), 'A1'))).toEqual(expected(['A2', ...MULTIPART]))
      // Once Z arrives, the cancel of A sent before Z's subscription has reached our Publisher.
      sub.unsubscribe('A')
      sub.subscribe('Z')
      await publishUntilReceived(
        () => pub.send(['Z', 'marker']),
        async () => {
          for (;;) if (text(await sub.receive())[0] === 'Z') return
        },
      )
      await pub.send(['A3', 'unsubscribed'])
      await pub.send(['Z2', 'last'])
      expect(text(await nextOther(() => sub.receive(), 'Z'))).toEqual(['Z2', 'last'])
    })

    it('a zeromq.js Publisher to our Subscriber that subscribes, then unsubscribes', async () => {
      const sub = track(new Subscriber(opts))
      const pub = z(new zmq.Publisher())
      sub.subscribe('A')
      await join(sub, pub, binder)
      const first = await publishUntilReceived(
        () => pub.send(['A1', ...MULTIPART]),
        () => sub.receive(),
      )
      expect(bytes(first)).toEqual(expected(['A1', ...MULTIPART]))
      await pub.send(['B1', 'not subscribed'])
      await pub.send(['A2', ...MULTIPART])
      expect(bytes(await nextOther(() => sub.receive(), 'A1'))).toEqual(expected(['A2', ...MULTIPART]))
      sub.unsubscribe('A')
      sub.subscribe('Z')
      await publishUntilReceived(
        () => pub.send(['Z', 'marker']),
        async () => {
          for (;;) if (text(await sub.receive())[0] === 'Z') return
        },
      )
      await pub.send(['A3', 'unsubscribed'])
      await pub.send(['Z2', 'last'])
      expect(text(await nextOther(() => sub.receive(), 'Z'))).toEqual(['Z2', 'last'])
    })

    it("our Subscriber's subscribe and unsubscribe reach a zeromq.js XPublisher as 0x01/0x00", async () => {
      const sub = track(new Subscriber(opts))
      const xpub = z(new zmq.XPublisher())
      await join(sub, xpub, binder)
      sub.subscribe('A')
      expect(bytes(await xpub.receive())).toEqual([[1, 0x41]])
      await xpub.send(['A1', 'x'])
      expect(text(await sub.receive())).toEqual(['A1', 'x'])
      sub.unsubscribe('A')
      expect(bytes(await xpub.receive())).toEqual([[0, 0x41]])
    })

    it('our Push to a zeromq.js Pull: multipart messages and a 1 MiB frame', async () => {
      const push = track(new Push(opts))
      const pull = z(new zmq.Pull())
      await join(push, pull, binder)
      const big = pattern(MiB, 3)
      await push.send(['big', big, ''])
      for (let i = 0; i < 50; i++) await push.send([`m${i}`, ...MULTIPART])
      const [tag, body, trailer] = await pull.receive()
      expect(text([tag!, trailer!])).toEqual(['big', ''])
      expect(body!.length).toBe(MiB)
      expect(sameBytes(body!, big)).toBe(true)
      for (let i = 0; i < 50; i++) {
        expect(bytes(await pull.receive())).toEqual(expected([`m${i}`, ...MULTIPART]))
      }
    })

    it('a zeromq.js Push to our Pull: multipart messages and a 1 MiB frame', async () => {
      const pull = track(new Pull(opts))
      const push = z(new zmq.Push())
      await join(pull, push, binder)
      const big = pattern(MiB, 4)
      // A copy: zeromq.js sends a large frame without copying it, and libzmq's ws client masks frames in
      // place, so after the send the array given holds the masked octets.
      await push.send(['big', big.slice(), ''])
      for (let i = 0; i < 50; i++) await push.send([`m${i}`, ...MULTIPART])
      const [tag, body, trailer] = await pull.receive()
      expect(text([tag!, trailer!])).toEqual(['big', ''])
      expect(body!.length).toBe(MiB)
      expect(sameBytes(body!, big)).toBe(true)
      for (let i = 0; i < 50; i++) {
        expect(bytes(await pull.receive())).toEqual(expected([`m${i}`, ...MULTIPART]))
      }
    })
  })

  describe('legacy mode (ZWS2.0): our Node client offers only ZWS2.0, zeromq.js binds', () => {
    // zeromq.js as a client always offers ZWS2.0/NULL first, so legacy mode is reached from our side.
    const legacy = { transports: [ws({ subprotocols: ['ZWS2.0'] })], linger: 0 }

    it("our Dealer's routing id (sent as the first message) reaches a zeromq.js Router", async () => {
      const dealer = track(new Dealer({ ...legacy, routingId: 'legacy-dealer' }))
      const router = z(new zmq.Router({ mandatory: true }))
      await join(dealer, router, 'zeromq.js')
      await dealer.send(['q', ...MULTIPART])
      expect(bytes(await router.receive())).toEqual(expected(['legacy-dealer', 'q', ...MULTIPART]))
      await router.send(['legacy-dealer', 'a'])
      expect(text(await dealer.receive())).toEqual(['a'])
    })

    it('our Request to a zeromq.js Reply, and a zeromq.js Push to our Pull with a 1 MiB frame', async () => {
      const req = track(new Request(legacy))
      const rep = z(new zmq.Reply())
      await join(req, rep, 'zeromq.js')
      await req.send('question')
      expect(text((await rep.receive()) as Uint8Array[])).toEqual(['question'])
      await rep.send('answer')
      expect(text(await req.receive())).toEqual(['answer'])

      const pull = track(new Pull(legacy))
      const push = z(new zmq.Push())
      await join(pull, push, 'zeromq.js')
      await push.send(['m', pattern(MiB, 9)])
      const [head, body] = await pull.receive()
      expect(text([head!])).toEqual(['m'])
      expect(sameBytes(body!, pattern(MiB, 9))).toBe(true)
    })

    it('our Subscriber subscribes and unsubscribes with a zeromq.js Publisher', async () => {
      const sub = track(new Subscriber(legacy))
      const pub = z(new zmq.Publisher())
      await join(sub, pub, 'zeromq.js')
      sub.subscribe('A')
      const first = await publishUntilReceived(
        () => pub.send(['A', 'x']),
        () => sub.receive(),
      )
      expect(text(first)).toEqual(['A', 'x'])
      sub.unsubscribe('A')
      sub.subscribe('B')
      const next = await nextOther(
        () =>
          publishUntilReceived(
            () => pub.send(['B', 'y']),
            () => sub.receive(),
          ),
        'A',
      )
      expect(text(next)).toEqual(['B', 'y'])
    })

    it('has no socket-type check: our Push reaches a zeromq.js Push (NULL mode refuses it)', async () => {
      const push = track(new Push(legacy))
      const theirs = z(new zmq.Push())
      // join() resolves only once our side reports the handshake.
      await join(push, theirs, 'zeromq.js')
    })
  })

  it('a zeromq.js ws client masks a large frame in place, in the array it was given', async () => {
    const pull = track(new Pull(opts))
    const push = z(new zmq.Push())
    await join(pull, push, 'ours')
    const big = pattern(MiB, 5)
    await push.send(big)
    const [body] = await pull.receive()
    // We receive what was sent...
    expect(sameBytes(body!, pattern(MiB, 5))).toBe(true)
    // ...but the sender's array now holds the masked octets (an all-zero 32-bit mask is the only way
    // out, 1 in 2^32).
    expect(sameBytes(big, pattern(MiB, 5))).toBe(false)
  })

  it('a zeromq.js client asks only for the last path segment: bind single-segment paths', async () => {
    // libzmq 4.3.5 takes the request path from the last `/` of the URL: connecting to `/a/b` sends
    // `GET /b`. Our server routes by path, so a socket bound to `/a/b` never sees the connection, and one
    // bound to `/b` on the same port takes it.
    const nested = track(new Pull(opts))
    await nested.bind('ws://127.0.0.1:*/a/b')
    const endpoint = nested.lastEndpoint!
    const port = /:(\d+)\//.exec(endpoint)![1]
    const last = track(new Pull(opts))
    await last.bind(`ws://127.0.0.1:${port}/b`)
    const accepted = nextEvent(last, 'handshake')
    let nestedHandshakes = 0
    nested.events.on('handshake', () => nestedHandshakes++)
    const push = z(new zmq.Push())
    push.connect(endpoint)
    await accepted
    await push.send('to /a/b')
    expect(text(await last.receive())).toEqual(['to /a/b'])
    expect(nestedHandshakes).toBe(0)
  })
})
