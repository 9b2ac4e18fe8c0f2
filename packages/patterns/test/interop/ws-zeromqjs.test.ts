/**
 * What is particular to zeromq.js 6.8.0 (its bundled libzmq 4.3.5) over `ws://`: ephemeral ws binds,
 * legacy `ZWS2.0` mode asked for by our Node client, in-place masking of large frames, and request paths.
 * The pattern pairings in NULL mode are in zeromqjs*.test.ts, run over ws as over tcp and ipc.
 */

import { ws } from '@zmtp/transport-ws'
import { describe, expect, it } from 'vitest'
import * as zmq from 'zeromq'
import { Dealer, Pull, Push, Request, Subscriber } from '../../src/index.js'
import { nextEvent, publishUntilReceived, text } from '../helpers.js'
import { WS } from '../transport-cases.js'
import { bytes, expected, MiB, MULTIPART, nextOther, pattern, sameBytes } from './frames.js'
import { zeromqjsSuite } from './zeromqjs-setup.js'

describe('interop with zeromq.js over ws://', () => {
  const { track, z, join } = zeromqjsSuite(WS)
  const opts = WS.options

  it('zeromq.js binds ws:// to an ephemeral port and reports it in lastEndpoint', async () => {
    const rep = z(new zmq.Reply())
    await rep.bind('ws://127.0.0.1:*/zmq')
    expect(rep.lastEndpoint).toMatch(/^ws:\/\/127\.0\.0\.1:([1-9]\d*)\/zmq$/)
    // Without a path libzmq binds `/` and says so.
    const other = z(new zmq.Reply())
    await other.bind('ws://127.0.0.1:*')
    expect(other.lastEndpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/)
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
