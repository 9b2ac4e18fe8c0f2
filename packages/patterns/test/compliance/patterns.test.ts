import { afterAll, afterEach, describe, expect, it } from 'vitest'
import {
  Dealer,
  ErrorCode,
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
import { nextEvent, publishUntilReceived, socketTracker, text } from '../helpers.js'
import { closeTransports, transportCases } from './transports.js'

afterAll(closeTransports)

describe.each(transportCases)('patterns over $name', ({ transports, bindEndpoint, bound }) => {
  const { track, cleanup } = socketTracker()
  afterEach(cleanup)
  const opts = { transports }

  it('Push to Pull keeps multipart messages whole, empty frames included, in order', async () => {
    const pull = track(new Pull(opts))
    const push = track(new Push(opts))
    push.connect(await bound(pull))
    for (let i = 0; i < 100; i++) await push.send([`m${i}`, '', new Uint8Array([0, 255, i])])
    for (let i = 0; i < 100; i++) {
      const frames = await pull.receive()
      expect(frames).toHaveLength(3)
      expect(text(frames.slice(0, 2))).toEqual([`m${i}`, ''])
      expect([...frames[2]!]).toEqual([0, 255, i])
    }
  })

  it('Push load-balances over several Pulls and Pull fair-queues several Pushes', async () => {
    const push = track(new Push(opts))
    const pulls = [track(new Pull(opts)), track(new Pull(opts))]
    const endpoints = [await bound(pulls[0]!), await bound(pulls[1]!)]
    // Both handshakes first, so the balancer has both peers before sending.
    let handshakes = 0
    const both = new Promise<void>((resolve) =>
      push.events.on('handshake', () => ++handshakes === 2 && resolve()),
    )
    for (const endpoint of endpoints) push.connect(endpoint)
    await both
    for (let i = 0; i < 10; i++) await push.send(`job${i}`)
    const got = await Promise.all(pulls.map(async (p) => [await p.receive(), await p.receive()]))
    expect(got.flat().length).toBe(4)

    const sink = track(new Pull(opts))
    const endpoint = await bound(sink)
    const a = track(new Push(opts))
    const b = track(new Push(opts))
    a.connect(endpoint)
    b.connect(endpoint)
    for (let i = 0; i < 5; i++) {
      await a.send('a')
      await b.send('b')
    }
    const seen = new Set<string>()
    for (let i = 0; i < 10; i++) seen.add(text(await sink.receive())[0]!)
    expect(seen).toEqual(new Set(['a', 'b']))
  })

  it('Request/Reply round trips, with strict alternation (EFSM)', async () => {
    const rep = track(new Reply(opts))
    const req = track(new Request(opts))
    req.connect(await bound(rep))
    for (let i = 0; i < 20; i++) {
      await req.send(['ping', `${i}`])
      const request = await rep.receive()
      expect(text(request)).toEqual(['ping', `${i}`])
      await rep.send(['pong', `${i}`])
      expect(text(await req.receive())).toEqual(['pong', `${i}`])
    }
    await expect(req.receive()).rejects.toMatchObject({ code: ErrorCode.WrongState })
    await req.send('again')
    await expect(req.send('twice')).rejects.toMatchObject({ code: ErrorCode.WrongState })
    await expect(rep.send('no request')).rejects.toMatchObject({ code: ErrorCode.WrongState })
  })

  it('Request with relaxed and correlate drops stale replies', async () => {
    const router = track(new Router(opts))
    const req = track(new Request({ ...opts, relaxed: true, correlate: true }))
    req.connect(await bound(router))
    await req.send('first')
    const first = await router.receive()
    expect(first).toHaveLength(4) // id, request id, delimiter, body
    await req.send('second')
    const second = await router.receive()
    await router.send([first[0]!, first[1]!, new Uint8Array(0), 'stale'])
    await router.send([second[0]!, second[1]!, new Uint8Array(0), 'fresh'])
    expect(text(await req.receive())).toEqual(['fresh'])
  })

  it('Dealer and Router route by explicit and generated routing ids', async () => {
    const router = track(new Router(opts))
    const endpoint = await bound(router)
    const named = track(new Dealer({ ...opts, routingId: 'alice' }))
    const anonymous = track(new Dealer(opts))
    named.connect(endpoint)
    anonymous.connect(endpoint)
    await named.send('from alice')
    await anonymous.send('from anon')
    const ids = new Map<string, Uint8Array>()
    for (let i = 0; i < 2; i++) {
      const [id, body] = await router.receive()
      ids.set(text([body!])[0]!, id!)
    }
    expect(text([ids.get('from alice')!])).toEqual(['alice'])
    const generated = ids.get('from anon')!
    expect(generated.length).toBe(5)
    expect(generated[0]).toBe(0)
    await router.send([generated, 'to anon'])
    await router.send(['alice', 'to alice'])
    expect(text(await anonymous.receive())).toEqual(['to anon'])
    expect(text(await named.receive())).toEqual(['to alice'])
  })

  it('Router with mandatory rejects unknown ids with EHOSTUNREACH, and drops them without', async () => {
    const router = track(new Router({ ...opts, mandatory: true }))
    await bound(router)
    await expect(router.send(['nobody', 'x'])).rejects.toMatchObject({ code: ErrorCode.HostUnreachable })
    router.mandatory = false
    await expect(router.send(['nobody', 'x'])).resolves.toBeUndefined()
  })

  it('Dealer talks to Reply with an explicit delimiter', async () => {
    const rep = track(new Reply(opts))
    const dealer = track(new Dealer(opts))
    dealer.connect(await bound(rep))
    await dealer.send(['', 'question'])
    expect(text(await rep.receive())).toEqual(['question'])
    await rep.send('answer')
    expect(text(await dealer.receive())).toEqual(['', 'answer'])
  })

  it('Reply drops a request without a body (the delimiter last), as libzmq does', async () => {
    const rep = track(new Reply(opts))
    const dealer = track(new Dealer(opts))
    dealer.connect(await bound(rep))
    await dealer.send([''])
    await dealer.send(['', 'question'])
    expect(text(await rep.receive())).toEqual(['question'])
  })

  it('Publisher reaches Subscribers by prefix; unsubscribe stops delivery', async () => {
    const pub = track(new Publisher(opts))
    const sub = track(new Subscriber(opts))
    sub.connect(await bound(pub))
    sub.subscribe('prices.')
    const first = await publishUntilReceived(
      () => pub.send(['prices.eur', '1.1']),
      () => sub.receive(),
    )
    expect(text(first)).toEqual(['prices.eur', '1.1'])
    await pub.send(['news.x', 'ignored'])
    await pub.send(['prices.usd', '1.0'])
    // The first message was published possibly several times; skip the repeats.
    let next = await sub.receive()
    while (text(next)[0] === 'prices.eur') next = await sub.receive()
    expect(text(next)).toEqual(['prices.usd', '1.0'])
    sub.unsubscribe('prices.')
    sub.subscribe('stop')
    await publishUntilReceived(
      () => pub.send(['stop']),
      async () => {
        for (;;) {
          const m = await sub.receive()
          if (text(m)[0] === 'stop') return m
          expect(text(m)[0]).toBe('prices.usd')
        }
      },
    )
    await pub.send(['prices.eur', 'after unsubscribe'])
    await pub.send(['stop'])
    let last = await sub.receive()
    while (text(last)[0] === 'stop' && text(last).length === 1) {
      last = await Promise.race([
        sub.receive(),
        new Promise<Uint8Array[]>((r) => setTimeout(() => r([]), 200)),
      ])
      if (last.length === 0) break
    }
    expect(last.length === 0 || text(last)[0] !== 'prices.eur').toBe(true)
  })

  it('XPublisher sees subscriptions once, XSubscriber subscribes by message', async () => {
    const xpub = track(new XPublisher(opts))
    const endpoint = await bound(xpub)
    const a = track(new Subscriber(opts))
    const b = track(new Subscriber(opts))
    a.connect(endpoint)
    b.connect(endpoint)
    a.subscribe('T')
    b.subscribe('T')
    expect([...(await xpub.receive())[0]!]).toEqual([1, 84])
    const xsub = track(new XSubscriber(opts))
    xsub.connect(endpoint)
    await xsub.send(new Uint8Array([1, 85]))
    expect([...(await xpub.receive())[0]!]).toEqual([1, 85])
    const got = await publishUntilReceived(
      () => xpub.send(['U', 'for xsub']),
      () => xsub.receive(),
    )
    expect(text(got)).toEqual(['U', 'for xsub'])
    a.close()
    b.close()
    expect([...(await xpub.receive())[0]!]).toEqual([0, 84])
  })

  it('Pair talks both ways with one peer', async () => {
    const a = track(new Pair(opts))
    const b = track(new Pair(opts))
    b.connect(await bound(a))
    await b.send('hello')
    expect(text(await a.receive())).toEqual(['hello'])
    await a.send(['hi', 'back'])
    expect(text(await b.receive())).toEqual(['hi', 'back'])
  })

  it('concurrent sends queue in call order at the high-water mark, and sendTimeout gives EAGAIN', async () => {
    const pull = track(new Pull({ ...opts, receiveHighWaterMark: 5 }))
    const push = track(new Push({ ...opts, sendHighWaterMark: 5 }))
    const endpoint = await bound(pull)
    const handshake = nextEvent(push, 'handshake')
    push.connect(endpoint)
    await handshake
    const sends: Promise<void>[] = []
    for (let i = 0; i < 200; i++) sends.push(push.send(`${i}`))
    const received: string[] = []
    for (let i = 0; i < 200; i++) received.push(text(await pull.receive())[0]!)
    await Promise.all(sends)
    expect(received).toEqual(Array.from({ length: 200 }, (_, i) => `${i}`))

    const lonely = track(new Push({ ...opts, sendTimeout: 50 }))
    await expect(lonely.send('nobody there')).rejects.toMatchObject({ code: ErrorCode.Again })
  })

  it('receiveTimeout gives EAGAIN; close rejects pending calls with ETERM and ends iteration', async () => {
    const pull = track(new Pull({ ...opts, receiveTimeout: 30 }))
    await bound(pull)
    await expect(pull.receive()).rejects.toMatchObject({ code: ErrorCode.Again })
    pull.receiveTimeout = -1
    const pending = pull.receive()
    const iterated: unknown[] = []
    const iteration = (async () => {
      for await (const message of pull) iterated.push(message)
    })()
    pull.close()
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.Closed })
    await iteration
    expect(iterated).toEqual([])
  })

  it('connecting before the peer binds delivers queued messages once it does', async () => {
    const probe = track(new Pull(opts))
    const endpoint = await bound(probe)
    probe.close()
    const push = track(new Push({ ...opts, reconnectInterval: 20 }))
    push.connect(endpoint)
    await push.send('queued before bind')
    const pull = track(new Pull(opts))
    await pull.bind(endpoint)
    expect(text(await pull.receive())).toEqual(['queued before bind'])
  })

  it('XPublisher sends its welcome message to each new subscriber', async () => {
    const xpub = track(new XPublisher({ ...opts, welcomeMessage: 'W-hello' }))
    const sub = track(new Subscriber(opts))
    sub.subscribe('W')
    sub.connect(await bound(xpub))
    expect(text(await sub.receive())).toEqual(['W-hello'])
  })

  it('Router handover gives a routing id to the newest peer', async () => {
    const router = track(new Router({ ...opts, handover: true }))
    const endpoint = await bound(router)
    const first = track(new Dealer({ ...opts, routingId: 'same' }))
    first.connect(endpoint)
    await first.send('one')
    expect(text(await router.receive())).toEqual(['same', 'one'])
    const second = track(new Dealer({ ...opts, routingId: 'same' }))
    second.connect(endpoint)
    await second.send('two')
    expect(text(await router.receive())).toEqual(['same', 'two'])
    await router.send(['same', 'to the newcomer'])
    expect(text(await second.receive())).toEqual(['to the newcomer'])
  })

  it('conflate keeps only the newest message', async () => {
    const pull = track(new Pull({ ...opts, conflate: true }))
    const push = track(new Push(opts))
    const endpoint = await bound(pull)
    const handshake = nextEvent(push, 'handshake')
    push.connect(endpoint)
    await handshake
    for (let i = 0; i < 50; i++) await push.send(`${i}`)
    await push.send('last')
    // Whatever arrived before the reader came, only one message is waiting and the last one wins.
    let latest = text(await pull.receive())[0]
    while (latest !== 'last') latest = text(await pull.receive())[0]
    pull.receiveTimeout = 50
    await expect(pull.receive()).rejects.toMatchObject({ code: ErrorCode.Again })
  })

  it('immediate queues nothing for a peer that is not connected', async () => {
    const push = track(new Push({ ...opts, immediate: true, sendTimeout: 50 }))
    push.connect(bindEndpoint().replace('*', '1'))
    await expect(push.send('no peer yet')).rejects.toMatchObject({ code: ErrorCode.Again })
  })

  it('close() lets queued messages leave within linger', async () => {
    const pull = track(new Pull({ ...opts, receiveHighWaterMark: 10 }))
    const push = track(new Push({ ...opts, linger: -1 }))
    const endpoint = await bound(pull)
    const handshake = nextEvent(push, 'handshake')
    push.connect(endpoint)
    await handshake
    const payload = new Uint8Array(4096)
    for (let i = 0; i < 800; i++) await push.send([`${i}`, payload])
    push.close()
    for (let i = 0; i < 800; i++) expect(text([(await pull.receive())[0]!])).toEqual([`${i}`])
  })

  it('emits monitor events for bind, accept, connect and handshake', async () => {
    const pull = track(new Pull(opts))
    const bindEvent = nextEvent(pull, 'bind')
    const endpoint = await bound(pull)
    expect((await bindEvent).address).toBe(endpoint)
    const accepted = nextEvent(pull, 'accept')
    const push = track(new Push(opts))
    const connected = nextEvent(push, 'connect')
    const handshake = nextEvent(push, 'handshake')
    push.connect(endpoint)
    await Promise.all([accepted, connected, handshake])
    const ended: string[] = []
    const iterating = (async () => {
      for await (const event of push.events) ended.push(event.type)
    })()
    push.close()
    await iterating
    expect(ended).toContain('end')
  })
})
