/**
 * Every socket pair (Req/Rep, Dealer/Router, Pub/Sub, Push/Pull, Pair) exchanging one message each way
 * where the pattern allows, with either side binding.
 */
import {
  Dealer,
  Pair,
  Publisher,
  Pull,
  Push,
  Reply,
  Request,
  Router,
  type Socket,
  Subscriber,
} from '@zmtp/patterns'
import {
  bindEndpoint,
  closeAll,
  expectEqual,
  nextEvent,
  type Scheme,
  text,
  transports,
  within,
} from './harness.js'

/** What a case checks, given two connected sockets. */
type Exchange = (a: Socket, b: Socket) => Promise<void>

interface PairKind {
  name: string
  make(): [Socket, Socket]
  exchange: Exchange
}

const WAIT = 10_000

const reqRep: PairKind = {
  name: 'req-rep',
  make: () => [new Request({ transports: transports() }), new Reply({ transports: transports() })],
  async exchange(a, b) {
    const request = a as Request
    const reply = b as Reply
    await request.send('ping')
    const asked = await within(WAIT, 'reply.receive', reply.receive())
    expectEqual(asked.map(text), ['ping'], 'request')
    await reply.send('pong')
    const answer = await within(WAIT, 'request.receive', request.receive())
    expectEqual(answer.map(text), ['pong'], 'reply')
  },
}

const dealerRouter: PairKind = {
  name: 'dealer-router',
  make: () => [new Dealer({ transports: transports() }), new Router({ transports: transports() })],
  async exchange(a, b) {
    const dealer = a as Dealer
    const router = b as Router
    await dealer.send(['a', 'b'])
    const [id, ...frames] = await within(WAIT, 'router.receive', router.receive())
    expectEqual(frames.map(text), ['a', 'b'], 'to router')
    await router.send([id!, 'c'])
    const back = await within(WAIT, 'dealer.receive', dealer.receive())
    expectEqual(back.map(text), ['c'], 'to dealer')
  },
}

const pubSub: PairKind = {
  name: 'pub-sub',
  make: () => [new Subscriber({ transports: transports() }), new Publisher({ transports: transports() })],
  async exchange(a, b) {
    const subscriber = a as Subscriber
    const publisher = b as Publisher
    subscriber.subscribe('news')
    // The subscription travels after the handshake: publish until one arrives (bounded by `within`).
    const received = subscriber.receive()
    let done = false
    const publishing = (async () => {
      while (!done) {
        await publisher.send(['other', 'x'])
        await publisher.send(['news', 'y'])
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    try {
      const message = await within(WAIT, 'subscriber.receive', received)
      expectEqual(message.map(text), ['news', 'y'], 'published')
    } finally {
      done = true
      await publishing
    }
  },
}

const pushPull: PairKind = {
  name: 'push-pull',
  make: () => [new Push({ transports: transports() }), new Pull({ transports: transports() })],
  async exchange(a, b) {
    await (a as Push).send('work')
    const got = await within(WAIT, 'pull.receive', (b as Pull).receive())
    expectEqual(got.map(text), ['work'], 'pushed')
  },
}

const pair: PairKind = {
  name: 'pair',
  make: () => [new Pair({ transports: transports() }), new Pair({ transports: transports() })],
  async exchange(a, b) {
    const left = a as Pair
    const right = b as Pair
    await left.send('left')
    expectEqual((await within(WAIT, 'right.receive', right.receive())).map(text), ['left'], 'to right')
    await right.send('right')
    expectEqual((await within(WAIT, 'left.receive', left.receive())).map(text), ['right'], 'to left')
  },
}

export const PAIR_KINDS: readonly PairKind[] = [reqRep, dealerRouter, pubSub, pushPull, pair]

/** Connects `a` and `b` over `scheme`, with `binder` binding, and runs the pair's exchange. */
export async function runPair(kind: PairKind, scheme: Scheme, binder: 'first' | 'second'): Promise<void> {
  const [a, b] = kind.make()
  const [bound, connecting] = binder === 'first' ? [a, b] : [b, a]
  try {
    await bound.bind(bindEndpoint(scheme))
    const handshake = nextEvent(connecting, 'handshake')
    connecting.connect(bound.lastEndpoint!)
    await within(WAIT, 'handshake', handshake)
    await kind.exchange(a, b)
  } finally {
    closeAll(a, b)
  }
}

/** A 1 MiB message from Dealer to Router and back, byte for byte. */
export async function runLarge(scheme: Scheme): Promise<void> {
  const dealer = new Dealer({ transports: transports() })
  const router = new Router({ transports: transports() })
  try {
    await router.bind(bindEndpoint(scheme))
    dealer.connect(router.lastEndpoint!)
    const big = new Uint8Array(1024 * 1024)
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) & 0xff
    await dealer.send(big)
    const [id, got] = await within(WAIT, 'router.receive', router.receive())
    if (!got || got.length !== big.length || !got.every((byte, i) => byte === big[i])) {
      throw new Error(`1 MiB message arrived as ${got?.length ?? 0} different bytes`)
    }
    await router.send([id!, got])
    const [back] = await within(WAIT, 'dealer.receive', dealer.receive())
    expectEqual(back?.length, big.length, 'echoed size')
  } finally {
    closeAll(dealer, router)
  }
}

/** A Push connected to a Pull that closes and binds again at the same address: delivery resumes. */
export async function runReconnect(scheme: Scheme): Promise<void> {
  const push = new Push({ transports: transports(), reconnectInterval: 50 })
  let pull = new Pull({ transports: transports() })
  try {
    await pull.bind(bindEndpoint(scheme))
    const address = pull.lastEndpoint!
    push.connect(address)
    await push.send('before')
    expectEqual((await within(WAIT, 'first receive', pull.receive())).map(text), ['before'], 'before')
    const lost = nextEvent(push, 'disconnect')
    // Unbinding first waits until the old listener is gone. Closing alone returns before an ipc listener
    // has removed its socket file, and that late removal can take the new listener's file (same path, and
    // the file system may hand out the same inode again): seen under Deno, left to transport-tcp.
    await pull.unbind(address)
    closeAll(pull)
    await within(WAIT, 'disconnect', lost)
    pull = new Pull({ transports: transports() })
    await pull.bind(address)
    const again = nextEvent(push, 'handshake')
    await within(WAIT, 'reconnect', again)
    await push.send('after')
    expectEqual((await within(WAIT, 'second receive', pull.receive())).map(text), ['after'], 'after')
  } finally {
    closeAll(push, pull)
  }
}
