/**
 * Request–Reply, Request–Router, Dealer–Router and Dealer–Reply against real libzmq over every
 * transport both speak: each pair with our socket in either role, and our side or libzmq's binding.
 * Plus routing ids, explicit and generated, and Router handover.
 */
import { requireLibzmq } from '@zmtp/test-peers'
import { describe, expect, it } from 'vitest'
import { Dealer, Reply, Request, Router } from '../../src/index.js'
import { text, until } from '../helpers.js'
import { byName } from '../transport-cases.js'
import { rounds } from './exchanges.js'
import {
  bytes,
  crosses,
  expected,
  expectGeneratedId,
  MULTIPART,
  type Receiver,
  type Sender,
} from './frames.js'
import { BINDERS, LIBZMQ_TRANSPORTS, libzmqSuite } from './libzmq-setup.js'

/**
 * Three rounds through a ROUTER that knows `client` only by a generated id: each request arrives after
 * that id (and `delimiter`, a REQ's empty frame), and the reply routed by it comes back whole.
 */
async function generatedIdRounds(client: Sender & Receiver, router: Sender & Receiver, delimiter: string[]) {
  for (let i = 0; i < 3; i++) {
    await client.send([`q${i}`, ...MULTIPART])
    const [id, ...rest] = await router.receive()
    expectGeneratedId(id)
    expect(bytes(rest)).toEqual(expected([...delimiter, `q${i}`, ...MULTIPART]))
    await crosses(router, client, [id!, ...delimiter, `a${i}`, ...MULTIPART], [`a${i}`, ...MULTIPART])
  }
}

describe.skipIf(requireLibzmq() === 'skip').each(byName(LIBZMQ_TRANSPORTS))(
  'request-reply sockets with libzmq over %s',
  (_, t) => {
    const z = libzmqSuite()
    const opts = t.options

    describe.each(BINDERS)('%s side binding', (binder) => {
      it('our Request to a libzmq REP', async () => {
        const req = z.ours(new Request(opts))
        const rep = await z.zmq('REP')
        await z.join(req, rep, binder, t.bindTo())
        await rounds(req, rep)
      })

      it('a libzmq REQ to our Reply', async () => {
        const rep = z.ours(new Reply(opts))
        const req = await z.zmq('REQ')
        await z.join(rep, req, binder, t.bindTo())
        await rounds(req, rep)
      })

      it('our Request to a libzmq ROUTER', async () => {
        const req = z.ours(new Request(opts))
        const router = await z.zmq('ROUTER')
        await z.join(req, router, binder, t.bindTo())
        await generatedIdRounds(req, router, [''])
      })

      it('a libzmq REQ to our Router', async () => {
        const router = z.ours(new Router({ ...opts, mandatory: true }))
        const req = await z.zmq('REQ')
        await z.join(router, req, binder, t.bindTo())
        await generatedIdRounds(req, router, [''])
      })

      it('our Dealer to a libzmq ROUTER', async () => {
        const dealer = z.ours(new Dealer(opts))
        const router = await z.zmq('ROUTER', { ROUTER_MANDATORY: 1 })
        await z.join(dealer, router, binder, t.bindTo())
        await generatedIdRounds(dealer, router, [])
      })

      it('a libzmq DEALER to our Router', async () => {
        const router = z.ours(new Router({ ...opts, mandatory: true }))
        const dealer = await z.zmq('DEALER')
        await z.join(router, dealer, binder, t.bindTo())
        await generatedIdRounds(dealer, router, [])
      })

      it('our Dealer to a libzmq REP', async () => {
        const dealer = z.ours(new Dealer(opts))
        const rep = await z.zmq('REP')
        await z.join(dealer, rep, binder, t.bindTo())
        await rounds(dealer, rep, { sent: [''] }, { seen: [''] })
      })

      it('a libzmq DEALER to our Reply', async () => {
        const rep = z.ours(new Reply(opts))
        const dealer = await z.zmq('DEALER')
        await z.join(rep, dealer, binder, t.bindTo())
        await rounds(dealer, rep, { sent: [''] }, { seen: [''] })
      })

      it("our Dealer's routing id reaches a libzmq ROUTER, which routes replies by it", async () => {
        const dealer = z.ours(new Dealer({ ...opts, routingId: 'ts-dealer' }))
        const router = await z.zmq('ROUTER', { ROUTER_MANDATORY: 1 })
        await z.join(dealer, router, binder, t.bindTo())
        await rounds(dealer, router, { seen: ['ts-dealer'] }, { sent: ['ts-dealer'] })
      })

      it("a libzmq DEALER's ROUTING_ID reaches our Router, which routes replies by it", async () => {
        const router = z.ours(new Router({ ...opts, mandatory: true }))
        const dealer = await z.zmq('DEALER', { ROUTING_ID: 'zmq-dealer' })
        await z.join(router, dealer, binder, t.bindTo())
        await rounds(dealer, router, { seen: ['zmq-dealer'] }, { sent: ['zmq-dealer'] })
      })

      it('an anonymous Dealer and Router on each side use generated ids', async () => {
        const router = z.ours(new Router({ ...opts, mandatory: true }))
        const dealer = await z.zmq('DEALER')
        await z.join(router, dealer, binder, t.bindTo())
        await dealer.send(['hello'])
        const [id, body] = await router.receive()
        expectGeneratedId(id)
        expect(text([body!])).toEqual(['hello'])
        await crosses(router, dealer, [id!, 'back'], ['back'])

        const theirRouter = await z.zmq('ROUTER', { ROUTER_MANDATORY: 1 })
        const ourDealer = z.ours(new Dealer(opts))
        await z.join(ourDealer, theirRouter, binder, t.bindTo())
        await ourDealer.send(['hello'])
        const [theirId, theirBody] = await theirRouter.receive()
        expectGeneratedId(theirId)
        expect(text([theirBody!])).toEqual(['hello'])
        await crosses(theirRouter, ourDealer, [theirId!, 'back'], ['back'])
      })
    })

    it("a libzmq ROUTER sees our Dealer's and Request's explicit routing ids and routes by them", async () => {
      const router = await z.zmq('ROUTER', { ROUTER_MANDATORY: 1 })
      const endpoint = await router.bind(t.bindTo())
      const dealer = z.ours(new Dealer({ ...opts, routingId: 'ts-1' }))
      const req = z.ours(new Request({ ...opts, routingId: new Uint8Array([0x7f, 0, 0xff]) }))
      dealer.connect(endpoint)
      req.connect(endpoint)
      await dealer.send('from dealer')
      await req.send('from request')
      const got = [await router.receive(), await router.receive()]
      const fromDealer = got.find((m) => text(m).at(-1) === 'from dealer')!
      const fromRequest = got.find((m) => text(m).at(-1) === 'from request')!
      expect(text(fromDealer)).toEqual(['ts-1', 'from dealer'])
      expect(bytes(fromRequest)).toEqual(expected([new Uint8Array([0x7f, 0, 0xff]), '', 'from request']))
      await router.send(['ts-1', 'to dealer'])
      await router.send([new Uint8Array([0x7f, 0, 0xff]), '', 'to request'])
      expect(text(await dealer.receive())).toEqual(['to dealer'])
      expect(text(await req.receive())).toEqual(['to request'])
    })

    it("our Router sees a libzmq DEALER's ROUTING_ID and routes by it", async () => {
      const router = z.ours(new Router({ ...opts, mandatory: true }))
      await router.bind(t.bindTo())
      const dealer = await z.zmq('DEALER', { ROUTING_ID: 'zmq-1' })
      await dealer.connect(router.lastEndpoint!)
      await dealer.send(['hello', ''])
      expect(text(await router.receive())).toEqual(['zmq-1', 'hello', ''])
      await router.send(['zmq-1', 'back', ''])
      expect(text(await dealer.receive())).toEqual(['back', ''])
    })

    it('our Router gives anonymous libzmq DEALERs distinct generated ids and replies by them', async () => {
      const router = z.ours(new Router({ ...opts, mandatory: true }))
      await router.bind(t.bindTo())
      const dealers = [await z.zmq('DEALER'), await z.zmq('DEALER')]
      for (const [i, dealer] of dealers.entries()) {
        await dealer.connect(router.lastEndpoint!)
        await dealer.send([`from ${i}`])
      }
      const ids = new Map<string, Uint8Array>()
      for (let i = 0; i < 2; i++) {
        const [id, body] = await router.receive()
        expectGeneratedId(id)
        ids.set(text([body!])[0]!, id!)
      }
      expect(bytes([ids.get('from 0')!])).not.toEqual(bytes([ids.get('from 1')!]))
      await router.send([ids.get('from 1')!, 'to 1'])
      await router.send([ids.get('from 0')!, 'to 0'])
      expect(text(await dealers[0]!.receive())).toEqual(['to 0'])
      expect(text(await dealers[1]!.receive())).toEqual(['to 1'])
    })

    it('our Router with handover gives a libzmq DEALER reusing a routing id the route', async () => {
      const router = z.ours(new Router({ ...opts, mandatory: true, handover: true }))
      await router.bind(t.bindTo())
      const first = await z.zmq('DEALER', { ROUTING_ID: 'dup' })
      await first.connect(router.lastEndpoint!)
      await first.send(['first'])
      expect(text(await router.receive())).toEqual(['dup', 'first'])
      let disconnects = 0
      router.events.on('disconnect', () => disconnects++)
      const second = await z.zmq('DEALER', { ROUTING_ID: 'dup' })
      await second.connect(router.lastEndpoint!)
      await second.send(['second'])
      expect(text(await router.receive())).toEqual(['dup', 'second'])
      // The first holder was dropped when the second took its id over.
      await until(() => disconnects === 1)
      await router.send(['dup', 'to the newcomer'])
      expect(text(await second.receive())).toEqual(['to the newcomer'])
    })
  },
)
