/**
 * Publisher–Subscriber and XPublisher–XSubscriber against real libzmq over every transport both speak,
 * in both roles and both binding directions; subscription counting, legacy `0x01`/`0x00` subscription
 * messages, and welcome messages.
 */
import { requireLibzmq } from '@zmtp/test-peers'
import { describe, expect, it } from 'vitest'
import { Publisher, Subscriber, XPublisher, XSubscriber } from '../../src/index.js'
import { nextEvent, publishUntilReceived, text } from '../helpers.js'
import { byName } from '../transport-cases.js'
import { subscriptionMoves } from './exchanges.js'
import { bytes, expected, MULTIPART, nextOther, type Receiver, type Sender, untilTopic } from './frames.js'
import { BINDERS, LIBZMQ_TRANSPORTS, libzmqSuite } from './libzmq-setup.js'

const SUBSCRIBE_A = new Uint8Array([1, 0x41])
const CANCEL_A = new Uint8Array([0, 0x41])

/**
 * An XSUB subscribing to `A` by message: the XPUB gets the subscription, then a publication to A goes
 * down, a message goes up, and the cancel reaches the XPUB.
 */
async function xsubscription(xsub: Sender & Receiver, xpub: Sender & Receiver) {
  await xsub.send([SUBSCRIBE_A])
  expect(bytes(await xpub.receive())).toEqual([[1, 0x41]])
  // The notification means the subscription is in place: one publication suffices.
  await xpub.send(['A1', ...MULTIPART])
  expect(bytes(await xsub.receive())).toEqual(expected(['A1', ...MULTIPART]))
  await xsub.send(['upstream', ''])
  expect(text(await xpub.receive())).toEqual(['upstream', ''])
  await xsub.send([CANCEL_A])
  expect(bytes(await xpub.receive())).toEqual([[0, 0x41]])
}

describe.skipIf(requireLibzmq() === 'skip').each(byName(LIBZMQ_TRANSPORTS))(
  'publish-subscribe sockets with libzmq over %s',
  (_, t) => {
    const z = libzmqSuite()
    const opts = t.options

    describe.each(BINDERS)('%s side binding', (binder) => {
      it('our Publisher to a libzmq SUB that subscribes, then unsubscribes', async () => {
        const pub = z.ours(new Publisher(opts))
        const sub = await z.zmq('SUB', { SUBSCRIBE: 'A' })
        await z.join(pub, sub, binder, t.bindTo())
        await subscriptionMoves(pub, sub, async () => {
          await sub.setOption('UNSUBSCRIBE', 'A')
          await sub.setOption('SUBSCRIBE', 'Z')
        })
      })

      it('a libzmq PUB to our Subscriber that subscribes, then unsubscribes', async () => {
        const sub = z.ours(new Subscriber(opts))
        const pub = await z.zmq('PUB')
        sub.subscribe('A')
        await z.join(sub, pub, binder, t.bindTo())
        await subscriptionMoves(pub, sub, () => {
          sub.unsubscribe('A')
          sub.subscribe('Z')
        })
      })

      it('our XPublisher to a libzmq XSUB', async () => {
        const xpub = z.ours(new XPublisher(opts))
        const xsub = await z.zmq('XSUB')
        await z.join(xpub, xsub, binder, t.bindTo())
        await xsubscription(xsub, xpub)
      })

      it('a libzmq XPUB to our XSubscriber', async () => {
        const xsub = z.ours(new XSubscriber(opts))
        const xpub = await z.zmq('XPUB')
        await z.join(xsub, xpub, binder, t.bindTo())
        await xsubscription(xsub, xpub)
      })

      it("a libzmq SUB's subscribe and unsubscribe reach our XPublisher as 0x01/0x00 messages", async () => {
        const xpub = z.ours(new XPublisher(opts))
        const sub = await z.zmq('SUB')
        await z.join(xpub, sub, binder, t.bindTo())
        await sub.setOption('SUBSCRIBE', 'A')
        // A libzmq SUB that accepted the connection sends its subscriptions when the connection is
        // attached to the socket, which happens only when the socket is next used (and, over ws, after
        // HANDSHAKE_SUCCEEDED, which libzmq reports at the upgrade): use it until the subscription comes.
        const subscription = await publishUntilReceived(
          () => sub.getOption('EVENTS').then(() => {}),
          () => xpub.receive(),
        )
        expect(bytes(subscription)).toEqual([[1, 0x41]])
        await xpub.send(['A1', 'x'])
        expect(text(await sub.receive())).toEqual(['A1', 'x'])
        await sub.setOption('UNSUBSCRIBE', 'A')
        expect(bytes(await xpub.receive())).toEqual([[0, 0x41]])
      })

      it("our Subscriber's subscribe and unsubscribe reach a libzmq XPUB as 0x01/0x00 messages", async () => {
        const sub = z.ours(new Subscriber(opts))
        const xpub = await z.zmq('XPUB')
        await z.join(sub, xpub, binder, t.bindTo())
        sub.subscribe('A')
        expect(bytes(await xpub.receive())).toEqual([[1, 0x41]])
        await xpub.send(['A1', 'x'])
        expect(text(await sub.receive())).toEqual(['A1', 'x'])
        sub.unsubscribe('A')
        expect(bytes(await xpub.receive())).toEqual([[0, 0x41]])
      })
    })

    it('our XPublisher (verbose) counts a libzmq SUB subscribing twice and unsubscribing twice', async () => {
      const xpub = z.ours(new XPublisher({ ...opts, verbose: true }))
      const sub = await z.zmq('SUB')
      await z.join(xpub, sub, 'ours', t.bindTo())
      await sub.setOption('SUBSCRIBE', 'A')
      await sub.setOption('SUBSCRIBE', 'A')
      expect(text(await xpub.receive())).toEqual(['\x01A'])
      expect(text(await xpub.receive())).toEqual(['\x01A'])
      await sub.setOption('UNSUBSCRIBE', 'A')
      // A marker subscription: if the first unsubscribe had cancelled, the cancel would come first.
      await sub.setOption('SUBSCRIBE', 'Z')
      expect(text(await xpub.receive())).toEqual(['\x01Z'])
      await xpub.send(['A', 'still subscribed'])
      expect(text(await sub.receive())).toEqual(['A', 'still subscribed'])
      await sub.setOption('UNSUBSCRIBE', 'A')
      expect(text(await xpub.receive())).toEqual(['\x00A'])
      await xpub.send(['A', 'gone'])
      await xpub.send(['Z', 'marker'])
      expect(text(await sub.receive())).toEqual(['Z', 'marker'])
    })

    it('a libzmq XPUB (verbose) counts our Subscriber subscribing twice and unsubscribing twice', async () => {
      const sub = z.ours(new Subscriber(opts))
      const xpub = await z.zmq('XPUB', { XPUB_VERBOSE: 1 })
      await z.join(sub, xpub, 'libzmq', t.bindTo())
      sub.subscribe('A')
      sub.subscribe('A')
      // As from a libzmq SUB: every subscribe goes upstream, only the last unsubscribe does.
      expect(text(await xpub.receive())).toEqual(['\x01A'])
      expect(text(await xpub.receive())).toEqual(['\x01A'])
      sub.unsubscribe('A')
      sub.subscribe('Z')
      expect(text(await xpub.receive())).toEqual(['\x01Z'])
      await xpub.send(['A', 'still subscribed'])
      expect(text(await sub.receive())).toEqual(['A', 'still subscribed'])
      sub.unsubscribe('A')
      expect(text(await xpub.receive())).toEqual(['\x00A'])
    })

    it('our XPublisher reports a topic once for two libzmq SUBs, and cancels it when both leave', async () => {
      const xpub = z.ours(new XPublisher(opts))
      await xpub.bind(t.bindTo())
      const one = await z.zmq('SUB', { SUBSCRIBE: 'T' })
      const two = await z.zmq('SUB', { SUBSCRIBE: 'T' })
      await one.connect(xpub.lastEndpoint!)
      expect(text(await xpub.receive())).toEqual(['\x01T'])
      await publishUntilReceived(
        () => xpub.send(['T', 'x']),
        () => one.receive(),
      )
      await two.connect(xpub.lastEndpoint!)
      await publishUntilReceived(
        () => xpub.send(['T', 'y']),
        () => two.receive(),
      )
      // Both hold T now; the next notification is the marker, not a second T.
      await two.setOption('SUBSCRIBE', 'M')
      expect(text(await xpub.receive())).toEqual(['\x01M'])
      const disconnected = nextEvent(xpub, 'disconnect')
      await one.close()
      await disconnected
      await two.close()
      const cancels = [text(await xpub.receive())[0], text(await xpub.receive())[0]]
      expect(cancels.sort()).toEqual(['\x00M', '\x00T'])
    })

    it('a libzmq XSUB subscribing by message gets the topic from our Publisher', async () => {
      const pub = z.ours(new Publisher(opts))
      const xsub = await z.zmq('XSUB')
      await z.join(pub, xsub, 'ours', t.bindTo())
      await xsub.send([SUBSCRIBE_A])
      await publishUntilReceived(
        () => pub.send(['A1', 'x']),
        () => xsub.receive(),
      )
      await pub.send(['B', 'not subscribed'])
      await pub.send(['A2', 'y'])
      expect(text(await nextOther(() => xsub.receive(), 'A1'))).toEqual(['A2', 'y'])
      await xsub.send([CANCEL_A])
      await xsub.send([new Uint8Array([1, 0x43])])
      // Once C arrives, the cancel before it has taken effect: A is no longer delivered.
      await publishUntilReceived(
        () => pub.send(['C', 'z']),
        () => untilTopic(() => xsub.receive(), 'C'),
      )
      await pub.send(['A3', 'unsubscribed'])
      await pub.send(['C2', 'last'])
      expect(text(await nextOther(() => xsub.receive(), 'C'))).toEqual(['C2', 'last'])
    })

    it('welcome messages cross both ways', async () => {
      const xpub = z.ours(new XPublisher({ ...opts, welcomeMessage: 'W-ours' }))
      const sub = await z.zmq('SUB', { SUBSCRIBE: 'W' })
      await z.join(xpub, sub, 'ours', t.bindTo())
      expect(text(await sub.receive())).toEqual(['W-ours'])

      const theirs = await z.zmq('XPUB', { XPUB_WELCOME_MSG: 'W-libzmq' })
      const ours = z.ours(new Subscriber(opts))
      ours.subscribe('W')
      await z.join(ours, theirs, 'libzmq', t.bindTo())
      // libzmq's XPUB attaches the new peer, and writes its welcome, only once its owner calls into it.
      expect(text(await theirs.receive())).toEqual(['\x01W'])
      expect(text(await ours.receive())).toEqual(['W-libzmq'])
    })
  },
)
