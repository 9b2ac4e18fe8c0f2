/**
 * The socket API behaviours zeromq.js programs rely on (issue 13): Buffers on receive, readable and
 * writable, error codes with errno and address, option checks and late-option warnings, close during a
 * pending bind, events.receive(), Router.connect with a routing id, XPublisher verbosity and welcome
 * message, send loops that let timers run.
 */
import { tcp } from '@zmtp/transport-tcp'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  Dealer,
  ErrorCode,
  InvalidOptionError,
  Publisher,
  Pull,
  Push,
  Reply,
  Request,
  Router,
  type Socket,
  type SocketError,
  Subscriber,
  XPublisher,
  XSubscriber,
} from '../src/index.js'

const transports = [tcp()]
const open: Socket[] = []
function track<S extends Socket>(socket: S): S {
  open.push(socket)
  return socket
}
afterEach(() => {
  for (const socket of open.splice(0)) socket.close()
  vi.restoreAllMocks()
})

async function rejection(promise: Promise<unknown>): Promise<SocketError> {
  try {
    await promise
  } catch (error) {
    return error as SocketError
  }
  throw new Error('expected a rejection')
}

describe('received parts', () => {
  for (const scheme of ['tcp', 'inproc'] as const) {
    it(`are Buffers in Node over ${scheme}`, async () => {
      const pull = track(new Pull({ transports }))
      await pull.bind(scheme === 'tcp' ? 'tcp://127.0.0.1:*' : 'inproc://buffers')
      const push = track(new Push({ transports }))
      push.connect(pull.lastEndpoint!)
      await push.send(['text', new Uint8Array([1, 2])])
      const parts = await pull.receive()
      for (const part of parts) expect(Buffer.isBuffer(part)).toBe(true)
      expect(parts[0]!.toString()).toBe('text')
    })
  }

  it("are Buffers for an XPublisher's subscription messages", async () => {
    const xpub = track(new XPublisher({ transports }))
    await xpub.bind('tcp://127.0.0.1:*')
    const sub = track(new Subscriber({ transports }))
    sub.connect(xpub.lastEndpoint!)
    sub.subscribe('abc')
    const [frame] = await xpub.receive()
    expect(Buffer.isBuffer(frame)).toBe(true)
    expect([...frame!]).toEqual([1, 97, 98, 99])
  })
})

describe('readable and writable', () => {
  it('follow the queue and the socket state', async () => {
    const pull = track(new Pull({ transports }))
    await pull.bind('inproc://poll')
    const push = track(new Push({ transports }))
    expect(push.writable).toBe(false)
    push.connect('inproc://poll')
    expect(push.writable).toBe(true)
    expect(pull.readable).toBe(false)
    await push.send('x')
    expect(pull.readable).toBe(true)
    expect((await pull.receive())[0]!.toString()).toBe('x')
    expect(pull.readable).toBe(false)
    expect(pull.writable).toBe(false)
    push.close()
    expect(push.writable).toBe(false)
  })

  it('a Request is not writable while it awaits a reply', async () => {
    const rep = track(new Reply({ transports }))
    await rep.bind('inproc://req-writable')
    const req = track(new Request({ transports }))
    req.connect('inproc://req-writable')
    expect(req.writable).toBe(true)
    await req.send('q')
    expect(req.writable).toBe(false)
  })
})

describe('errors', () => {
  it('unbind and disconnect of unknown endpoints fail with ENOENT, errno and address', async () => {
    const dealer = track(new Dealer({ transports }))
    const unbind = await rejection(dealer.unbind('tcp://127.0.0.1:5999'))
    expect(unbind.code).toBe(ErrorCode.NoSuchEndpoint)
    expect(unbind.errno).toBe(2)
    expect(unbind.address).toBe('tcp://127.0.0.1:5999')
    let disconnect: SocketError | undefined
    try {
      dealer.disconnect('tcp://127.0.0.1:5998')
    } catch (error) {
      disconnect = error as SocketError
    }
    expect(disconnect?.code).toBe('ENOENT')
    expect(disconnect?.address).toBe('tcp://127.0.0.1:5998')
  })

  it('a receive timeout is EAGAIN with its errno', async () => {
    const pull = track(new Pull({ transports, receiveTimeout: 5 }))
    const error = await rejection(pull.receive())
    expect(error.code).toBe('EAGAIN')
    expect(error.errno).toBe(11)
  })
})

describe('options', () => {
  it('of the wrong type throw at construction and at assignment', () => {
    expect(() => new Dealer({ linger: 'long' as unknown as number })).toThrow(InvalidOptionError)
    const dealer = track(new Dealer())
    expect(() => {
      ;(dealer as unknown as { immediate: unknown }).immediate = 1
    }).toThrow(/Option value must be a boolean/)
    expect(() => {
      ;(dealer as unknown as { sendTimeout: unknown }).sendTimeout = '5'
    }).toThrow(TypeError)
  })

  it('warn when set after connect if they only apply to new connections; high-water marks do not', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    const dealer = track(new Dealer())
    dealer.routingId = 'before'
    expect(warn).not.toHaveBeenCalled()
    dealer.connect('inproc://late-option')
    dealer.sendHighWaterMark = 5
    expect(warn).not.toHaveBeenCalled()
    dealer.routingId = 'after'
    expect(warn).toHaveBeenCalledWith('Socket option will not take effect until next connect/bind.')
  })

  it('high-water marks set after connect apply to the existing pipes', async () => {
    const pull = track(new Pull())
    await pull.bind('inproc://late-hwm')
    const push = track(new Push())
    push.connect('inproc://late-hwm')
    push.sendHighWaterMark = 3000
    pull.receiveHighWaterMark = 3000
    // With the defaults (1000 each way) the sends would wait at 2000 for a receiver that never comes.
    for (let i = 0; i < 2500; i++) await push.send('x')
    let received = 0
    while (pull.readable) {
      await pull.receive()
      received++
    }
    expect(received).toBe(2500)
  })

  it('securityMechanism follows the security options', () => {
    const dealer = track(new Dealer())
    expect(dealer.securityMechanism).toBe(null)
    dealer.plainServer = true
    expect(dealer.securityMechanism).toBe('plain')
  })
})

describe('close', () => {
  it('during a pending bind takes effect when the bind settles', async () => {
    const pull = new Pull({ transports })
    const bound = pull.bind('tcp://127.0.0.1:*')
    pull.close()
    expect(pull.closed).toBe(false)
    await bound
    expect(pull.closed).toBe(true)
  })

  it('reports close for each listener, then end', async () => {
    const pull = new Pull({ transports })
    const events = pull.events
    const seen: string[] = []
    const reading = (async () => {
      for (;;) {
        const event = await events.receive()
        seen.push(`${event.type} ${event.address ?? ''}`.trim())
        if (event.type === 'end') return
      }
    })()
    await pull.bind('inproc://quiet')
    await pull.bind('tcp://127.0.0.1:*')
    const tcpEndpoint = pull.lastEndpoint
    pull.close()
    await reading
    expect(seen).toEqual(['bind inproc://quiet', `bind ${tcpEndpoint}`, `close ${tcpEndpoint}`, 'end'])
    expect(events.closed).toBe(true)
    await expect(events.receive()).rejects.toMatchObject({ code: 'ETERM' })
  })

  it('events.receive() refuses once listeners are used', () => {
    const dealer = track(new Dealer())
    dealer.events.on('connect', () => {})
    expect(() => dealer.events.receive()).toThrow(/event emitter mode/)
  })
})

describe('Router.connect with a routing id', () => {
  it('names the peer so it can be sent to at once, even with mandatory', async () => {
    const dealer = track(new Dealer({ transports }))
    await dealer.bind('tcp://127.0.0.1:*')
    const router = track(new Router({ transports, mandatory: true }))
    router.connect(dealer.lastEndpoint!, { routingId: 'remote' })
    await router.send(['remote', 'hi'])
    expect((await dealer.receive())[0]!.toString()).toBe('hi')
  })
})

describe('XPublisher', () => {
  it('verbosity passes duplicate subscriptions, and welcomeMessage greets each subscriber', async () => {
    const xpub = track(new XPublisher({ transports, welcomeMessage: 'hello' }))
    expect(xpub.verbosity).toBe(null)
    xpub.verbosity = 'allSubs'
    expect(xpub.verbose).toBe(true)
    expect(xpub.welcomeMessage).toBe('hello')
    await xpub.bind('tcp://127.0.0.1:*')
    const subs = [track(new XSubscriber({ transports })), track(new XSubscriber({ transports }))]
    for (const sub of subs) {
      sub.connect(xpub.lastEndpoint!)
      await sub.send(Buffer.from('\x01news'))
      expect((await sub.receive())[0]!.toString()).toBe('hello')
    }
    const first = await xpub.receive()
    const second = await xpub.receive()
    expect(first[0]!.toString()).toBe('\x01news')
    expect(second[0]!.toString()).toBe('\x01news')
    expect(() => {
      xpub.verbosity = 'loud' as never
    }).toThrow(TypeError)
  })
})

describe('a loop of awaited sends', () => {
  it('lets timers run', async () => {
    const pull = track(new Pull({ receiveHighWaterMark: 0 }))
    await pull.bind('inproc://no-starve')
    const push = track(new Push({ sendHighWaterMark: 0 }))
    push.connect('inproc://no-starve')
    let ticks = 0
    const interval = setInterval(() => ticks++, 0)
    // Until the timer has run or 20 000 sends went by: a starving loop never lets it run.
    for (let i = 0; i < 20_000 && ticks === 0; i++) await push.send('x')
    clearInterval(interval)
    expect(ticks).toBeGreaterThan(0)
  })
})

describe('Publisher', () => {
  it('is always writable: it drops for absent subscribers', () => {
    const pub = track(new Publisher())
    expect(pub.writable).toBe(true)
  })
})

describe('async iteration under a subclass that wraps receive()', () => {
  it('ends when the socket closes, though the subclass turns the close error into its own', async () => {
    class Wrapping extends Pull {
      override receive = async () => {
        try {
          return await super.receive()
        } catch (error) {
          throw new Error('wrapped', { cause: error })
        }
      }
    }
    const pull = track(new Wrapping({ transports }))
    const iterated: unknown[] = []
    const iteration = (async () => {
      for await (const message of pull) iterated.push(message)
    })()
    pull.close()
    await iteration
    expect(iterated).toEqual([])
  })
})
