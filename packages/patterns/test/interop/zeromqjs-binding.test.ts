/**
 * Interop with zeromq.js 6.8.0 (its bundled libzmq 4.3.5) over every transport both speak, each
 * pattern with our socket on one side and a zeromq.js socket on the other, each side binding in turn:
 * multipart messages with empty frames, routing ids, subscriptions and 1 MiB frames.
 */
import { describe, expect, it } from 'vitest'
import * as zmq from 'zeromq'
import { Dealer, Publisher, Pull, Push, Reply, Request, Router, Subscriber } from '../../src/index.js'
import { text } from '../helpers.js'
import { ALL_TRANSPORTS, byName } from '../transport-cases.js'
import { rounds, subscriptionMoves } from './exchanges.js'
import { bigThenMany, bytes, MiB, pattern } from './frames.js'
import { BINDERS, zeromqjsSuite } from './zeromqjs-setup.js'

describe.each(byName(ALL_TRANSPORTS))('interop with zeromq.js over %s', (_, t) => {
  const { track, z, join } = zeromqjsSuite(t)
  const opts = { ...t.options, linger: 0 }

  describe.each(BINDERS)('%s side binding', (binder) => {
    it('our Request to a zeromq.js Reply', async () => {
      const req = track(new Request(opts))
      const rep = z(new zmq.Reply())
      await join(req, rep, binder)
      await rounds(req, rep)
    })

    it('a zeromq.js Request to our Reply', async () => {
      const rep = track(new Reply(opts))
      const req = z(new zmq.Request())
      await join(rep, req, binder)
      await rounds(req, rep)
    })

    it("our Dealer's routing id reaches a zeromq.js Router, which routes replies by it", async () => {
      const dealer = track(new Dealer({ ...opts, routingId: 'our-dealer' }))
      const router = z(new zmq.Router({ mandatory: true }))
      await join(dealer, router, binder)
      await rounds(dealer, router, { seen: ['our-dealer'] }, { sent: ['our-dealer'] })
    })

    it("a zeromq.js Dealer's routing id reaches our Router, which routes replies by it", async () => {
      const router = track(new Router({ ...opts, mandatory: true }))
      const dealer = z(new zmq.Dealer({ routingId: 'their-dealer' }))
      await join(router, dealer, binder)
      await rounds(dealer, router, { seen: ['their-dealer'] }, { sent: ['their-dealer'] })
    })

    it('our Publisher to a zeromq.js Subscriber that subscribes, then unsubscribes', async () => {
      const pub = track(new Publisher(opts))
      const sub = z(new zmq.Subscriber())
      sub.subscribe('A')
      await join(pub, sub, binder)
      await subscriptionMoves(pub, sub, () => {
        sub.unsubscribe('A')
        sub.subscribe('Z')
      })
    })

    it('a zeromq.js Publisher to our Subscriber that subscribes, then unsubscribes', async () => {
      const sub = track(new Subscriber(opts))
      const pub = z(new zmq.Publisher())
      sub.subscribe('A')
      await join(sub, pub, binder)
      await subscriptionMoves(pub, sub, () => {
        sub.unsubscribe('A')
        sub.subscribe('Z')
      })
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
      await bigThenMany(push, pull, pattern(MiB, 3))
    })

    it('a zeromq.js Push to our Pull: multipart messages and a 1 MiB frame', async () => {
      const pull = track(new Pull(opts))
      const push = z(new zmq.Push())
      await join(pull, push, binder)
      const big = pattern(MiB, 4)
      // A copy: zeromq.js sends a large frame without copying it, and libzmq's ws client masks frames in
      // place, so after the send the array given holds the masked octets.
      await bigThenMany(push, pull, big, big.slice())
    })
  })
})
