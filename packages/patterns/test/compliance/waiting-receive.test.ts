import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { Dealer, Pair, Publisher, Router, Subscriber, XPublisher, XSubscriber } from '../../src/index.js'
import { nextEvent, publishUntilReceived, socketTracker, text } from '../helpers.js'
import { closeTransports, transportCases } from './transports.js'

afterAll(closeTransports)

/**
 * A `receive()` that is already waiting when a message arrives is handed that message directly, without
 * the queues. It must get exactly what a later `receive()` would have got: these cases call `receive()`
 * first, then make the peer send.
 */
describe.each(transportCases)('a waiting receive() over $name', ({ transports, bound }) => {
  const { track, cleanup } = socketTracker()
  afterEach(cleanup)
  const opts = { transports }

  it('Router gets the routing id in front, Dealer the reply as sent, in order', async () => {
    const router = track(new Router(opts))
    const dealer = track(new Dealer({ ...opts, routingId: 'bob' }))
    const endpoint = await bound(router)
    const handshake = nextEvent(dealer, 'handshake')
    dealer.connect(endpoint)
    await handshake
    for (let i = 0; i < 20; i++) {
      const request = router.receive()
      await dealer.send(['q', String(i)])
      expect(text(await request)).toEqual(['bob', 'q', String(i)])
      const reply = dealer.receive()
      await router.send(['bob', 'a', String(i)])
      expect(text(await reply)).toEqual(['a', String(i)])
    }
  })

  it('Pair gets each message once, in order', async () => {
    const a = track(new Pair(opts))
    const b = track(new Pair(opts))
    const endpoint = await bound(a)
    const handshake = nextEvent(b, 'handshake')
    b.connect(endpoint)
    await handshake
    for (let i = 0; i < 20; i++) {
      const received = a.receive()
      await b.send(['p', String(i)])
      expect(text(await received)).toEqual(['p', String(i)])
    }
  })

  it('Subscriber still filters: a message on a topic it dropped does not complete the waiting call', async () => {
    const pub = track(new Publisher(opts))
    const sub = track(new Subscriber(opts))
    sub.connect(await bound(pub))
    sub.subscribe('a.', 'b.')
    await publishUntilReceived(
      () => pub.send(['b.ready']),
      () => sub.receive(),
    )
    // Repeats of the ready message may still be on their way; a marker on the other topic ends them.
    await publishUntilReceived(
      () => pub.send(['a.marker']),
      async () => {
        let message = await sub.receive()
        while (text(message)[0] !== 'a.marker') message = await sub.receive()
        return message
      },
    )
    // The publisher learns of the unsubscribe only when the CANCEL arrives: what it sends on 'b.'
    // meanwhile reaches the subscriber, which must drop it, waiting call or not.
    sub.unsubscribe('b.')
    const waiting = sub.receive()
    await pub.send(['b.dropped', 'x'])
    await pub.send(['a.wanted', 'y'])
    let got = await waiting
    while (text(got)[0] === 'a.marker') got = await sub.receive()
    expect(text(got)).toEqual(['a.wanted', 'y'])
  })

  it('XSubscriber gets published messages unfiltered', async () => {
    const pub = track(new XPublisher(opts))
    const xsub = track(new XSubscriber(opts))
    xsub.connect(await bound(pub))
    await xsub.send(new Uint8Array([1]))
    const first = await publishUntilReceived(
      () => pub.send(['t', '1']),
      () => xsub.receive(),
    )
    expect(text(first)).toEqual(['t', '1'])
  })
})
