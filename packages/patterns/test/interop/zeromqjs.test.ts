/**
 * Interop with zeromq.js 6.8.0 (its bundled libzmq 4.3.5) over every transport both speak: each
 * pattern, our socket on one side and a zeromq.js socket on the other. zeromq.js is a devDependency, so
 * it must load: a missing native binary fails these tests instead of skipping them.
 */
import { describe, expect, it } from 'vitest'
import * as zmq from 'zeromq'
import {
  Dealer,
  Pair,
  Publisher,
  Pull,
  Push,
  Reply,
  Request,
  Router,
  Subscriber,
  XPublisher,
  XSubscriber,
} from '../../src/index.js'
import { publishUntilReceived, text, until } from '../helpers.js'
import { ALL_TRANSPORTS, byName } from '../transport-cases.js'
import { sameBytes } from './frames.js'
import { zeromqjsSuite } from './zeromqjs-setup.js'

/** A 1 MiB frame with a recognisable pattern. */
function bigFrame(): Uint8Array {
  const frame = new Uint8Array(1024 * 1024)
  for (let i = 0; i < frame.length; i++) frame[i] = (i * 31 + 7) & 0xff
  return frame
}

it('zeromq.js loads its native libzmq 4.3.5', () => {
  expect(zmq.version).toBe('4.3.5')
})

describe.each(byName(ALL_TRANSPORTS))('interop with zeromq.js over %s', (_, t) => {
  const { track, z, bound } = zeromqjsSuite(t)
  const opts = { ...t.options, linger: 0 }

  describe('Request/Reply', () => {
    it('our Request to zeromq.js Reply', async () => {
      const rep = z(new zmq.Reply())
      const req = track(new Request(opts))
      req.connect(await bound(rep))
      for (let i = 0; i < 10; i++) {
        await req.send(['ping', `${i}`, ''])
        expect(text(await rep.receive())).toEqual(['ping', `${i}`, ''])
        await rep.send(['pong', `${i}`])
        expect(text(await req.receive())).toEqual(['pong', `${i}`])
      }
    })

    it('zeromq.js Request to our Reply', async () => {
      const rep = track(new Reply(opts))
      const req = z(new zmq.Request())
      req.connect(await bound(rep))
      for (let i = 0; i < 10; i++) {
        await req.send(['ping', `${i}`, ''])
        expect(text(await rep.receive())).toEqual(['ping', `${i}`, ''])
        await rep.send(['pong', `${i}`])
        expect(text(await req.receive())).toEqual(['pong', `${i}`])
      }
    })
  })

  describe('Dealer/Router', () => {
    it('our Dealer with a routing id to zeromq.js Router, and back by that id', async () => {
      const router = z(new zmq.Router())
      const endpoint = await bound(router)
      const named = track(new Dealer({ ...opts, routingId: 'our-dealer' }))
      const anonymous = track(new Dealer(opts))
      named.connect(endpoint)
      anonymous.connect(endpoint)
      await named.send(['from named', ''])
      await anonymous.send('from anonymous')
      const ids = new Map<string, Buffer>()
      for (let i = 0; i < 2; i++) {
        const [id, body] = await router.receive()
        ids.set(text([body!])[0]!, id!)
      }
      expect(text([ids.get('from named')!])).toEqual(['our-dealer'])
      const generated = ids.get('from anonymous')!
      expect(generated.length).toBe(5) // libzmq's generated ids: 0x00 + a 32-bit counter
      expect(generated[0]).toBe(0)
      await router.send(['our-dealer', 'to named', ''])
      await router.send([generated, 'to anonymous'])
      expect(text(await named.receive())).toEqual(['to named', ''])
      expect(text(await anonymous.receive())).toEqual(['to anonymous'])
    })

    it('zeromq.js Dealer with a routing id to our Router, and back by that id', async () => {
      const router = track(new Router(opts))
      const endpoint = await bound(router)
      const named = z(new zmq.Dealer({ routingId: 'their-dealer' }))
      const anonymous = z(new zmq.Dealer())
      named.connect(endpoint)
      anonymous.connect(endpoint)
      await named.send(['from named', ''])
      await anonymous.send('from anonymous')
      const ids = new Map<string, Uint8Array>()
      for (let i = 0; i < 2; i++) {
        const [id, body, ...rest] = await router.receive()
        ids.set(text([body!])[0]!, id!)
        if (text([body!])[0] === 'from named') expect(text(rest)).toEqual([''])
      }
      expect(text([ids.get('from named')!])).toEqual(['their-dealer'])
      const generated = ids.get('from anonymous')!
      expect(generated.length).toBe(5)
      expect(generated[0]).toBe(0)
      await router.send(['their-dealer', 'to named'])
      await router.send([generated, 'to anonymous', ''])
      expect(text(await named.receive())).toEqual(['to named'])
      expect(text(await anonymous.receive())).toEqual(['to anonymous', ''])
    })

    it('zeromq.js Router with mandatory reaches our Dealer by its routing id', async () => {
      // sendTimeout 0: with mandatory and no writable peer, libzmq's ROUTER never reports POLLOUT, and
      // zeromq.js 6.8.0 waits for POLLOUT before sending, so without a timeout the send never settles.
      const router = z(new zmq.Router({ mandatory: true, sendTimeout: 0 }))
      const endpoint = await bound(router)
      await expect(router.send(['our-dealer', 'too early'])).rejects.toMatchObject({ code: 'EHOSTUNREACH' })
      const dealer = track(new Dealer({ ...opts, routingId: 'our-dealer' }))
      dealer.connect(endpoint)
      // The router learns the id from our handshake; until then mandatory sends fail.
      await until(async () => {
        try {
          await router.send(['our-dealer', 'hello'])
          return true
        } catch (error) {
          expect(error).toMatchObject({ code: 'EHOSTUNREACH' })
          return false
        }
      })
      expect(text(await dealer.receive())).toEqual(['hello'])
      await expect(router.send(['nobody', 'lost'])).rejects.toMatchObject({ code: 'EHOSTUNREACH' })
      await dealer.send('reply')
      expect(text(await router.receive())).toEqual(['our-dealer', 'reply'])
    })
  })

  describe('Publisher/Subscriber', () => {
    it('our Publisher to zeromq.js Subscriber, filtered by its subscription', async () => {
      const pub = track(new Publisher(opts))
      const sub = z(new zmq.Subscriber())
      sub.connect(await bound(pub))
      sub.subscribe('prices.')
      const first = await publishUntilReceived(
        () => pub.send(['prices.eur', '1.1']),
        () => sub.receive(),
      )
      expect(text(first)).toEqual(['prices.eur', '1.1'])
      await pub.send(['news.x', 'filtered out'])
      await pub.send(['prices.usd', '1.0'])
      let next = await sub.receive()
      while (text(next)[0] === 'prices.eur') next = await sub.receive() // repeats of the first
      expect(text(next)).toEqual(['prices.usd', '1.0'])
    })

    it('zeromq.js Publisher to our Subscriber, filtered by our subscription', async () => {
      const pub = z(new zmq.Publisher())
      const sub = track(new Subscriber(opts))
      sub.connect(await bound(pub))
      sub.subscribe('prices.')
      const first = await publishUntilReceived(
        () => pub.send(['prices.eur', '1.1']),
        () => sub.receive(),
      )
      expect(text(first)).toEqual(['prices.eur', '1.1'])
      await pub.send(['news.x', 'filtered out'])
      await pub.send(['prices.usd', '1.0'])
      let next = await sub.receive()
      while (text(next)[0] === 'prices.eur') next = await sub.receive()
      expect(text(next)).toEqual(['prices.usd', '1.0'])
    })
  })

  describe('XPublisher/XSubscriber', () => {
    it('a zeromq.js XSubscriber subscription reaches our XPublisher as \\x01topic', async () => {
      const xpub = track(new XPublisher(opts))
      const xsub = z(new zmq.XSubscriber())
      xsub.connect(await bound(xpub))
      await xsub.send(Buffer.from('\x01topic'))
      expect(text(await xpub.receive())).toEqual(['\x01topic'])
      // The subscription is live at our end now, so nothing needs repeating.
      await xpub.send(['other', 'no'])
      await xpub.send(['topic.a', 'yes'])
      expect(text(await xsub.receive())).toEqual(['topic.a', 'yes'])
      await xsub.send(Buffer.from('\x00topic'))
      expect(text(await xpub.receive())).toEqual(['\x00topic'])
    })

    it('our XSubscriber subscription reaches a zeromq.js XPublisher as \\x01topic', async () => {
      const xpub = z(new zmq.XPublisher())
      const xsub = track(new XSubscriber(opts))
      xsub.connect(await bound(xpub))
      await xsub.send(new Uint8Array([1, ...Buffer.from('topic')]))
      expect(text(await xpub.receive())).toEqual(['\x01topic'])
      await xpub.send(['other', 'no'])
      await xpub.send(['topic.a', 'yes'])
      expect(text(await xsub.receive())).toEqual(['topic.a', 'yes'])
    })
  })

  describe('Push/Pull', () => {
    const big = bigFrame()

    it('our Push to zeromq.js Pull: multipart, empty frames and a 1 MiB frame', async () => {
      const pull = z(new zmq.Pull())
      const push = track(new Push(opts))
      push.connect(await bound(pull))
      await push.send(['', 'a', '', ''])
      await push.send([''])
      await push.send(['big', big, ''])
      for (let i = 0; i < 50; i++) await push.send([`m${i}`, new Uint8Array([0, 255, i])])
      expect(text(await pull.receive())).toEqual(['', 'a', '', ''])
      expect(text(await pull.receive())).toEqual([''])
      const large = await pull.receive()
      expect(large).toHaveLength(3)
      expect(text([large[0]!, large[2]!])).toEqual(['big', ''])
      expect(large[1]!.length).toBe(big.length)
      expect(sameBytes(large[1]!, big)).toBe(true)
      for (let i = 0; i < 50; i++) {
        const [name, bytes] = await pull.receive()
        expect(text([name!])).toEqual([`m${i}`])
        expect([...bytes!]).toEqual([0, 255, i])
      }
    })

    it('zeromq.js Push to our Pull: multipart, empty frames and a 1 MiB frame', async () => {
      const pull = track(new Pull(opts))
      const push = z(new zmq.Push())
      push.connect(await bound(pull))
      await push.send(['', 'a', '', ''])
      await push.send([''])
      await push.send(['big', Buffer.from(big), ''])
      for (let i = 0; i < 50; i++) await push.send([`m${i}`, Buffer.from([0, 255, i])])
      expect(text(await pull.receive())).toEqual(['', 'a', '', ''])
      expect(text(await pull.receive())).toEqual([''])
      const large = await pull.receive()
      expect(large).toHaveLength(3)
      expect(text([large[0]!, large[2]!])).toEqual(['big', ''])
      expect(large[1]!.length).toBe(big.length)
      expect(sameBytes(large[1]!, big)).toBe(true)
      for (let i = 0; i < 50; i++) {
        const [name, bytes] = await pull.receive()
        expect(text([name!])).toEqual([`m${i}`])
        expect([...bytes!]).toEqual([0, 255, i])
      }
    })
  })

  describe('Pair', () => {
    it('our Pair bound, zeromq.js Pair connected, both ways', async () => {
      const ourPair = track(new Pair(opts))
      const theirPair = z(new zmq.Pair())
      theirPair.connect(await bound(ourPair))
      await theirPair.send(['hello', ''])
      expect(text(await ourPair.receive())).toEqual(['hello', ''])
      await ourPair.send(['hi', '', 'there'])
      expect(text(await theirPair.receive())).toEqual(['hi', '', 'there'])
    })

    it('zeromq.js Pair bound, our Pair connected, both ways', async () => {
      const theirPair = z(new zmq.Pair())
      const ourPair = track(new Pair(opts))
      ourPair.connect(await bound(theirPair))
      await ourPair.send(['hello', ''])
      expect(text(await theirPair.receive())).toEqual(['hello', ''])
      await theirPair.send(['hi', '', 'there'])
      expect(text(await ourPair.receive())).toEqual(['hi', '', 'there'])
    })
  })
})
