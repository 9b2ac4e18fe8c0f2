/**
 * What @zmtp/zeromq adds over @zmtp/patterns for zeromq.js programs: construction as zeromq.js
 * (sealed sockets, context, inert options), errors in zeromq.js's form, send() coercion, observers.
 */
import { describe, expect, it } from 'vitest'
import * as zmq from '../src/index.js'
import { track } from './tracker.js'

async function caught(operation: () => unknown): Promise<zmq.ZeromqError> {
  try {
    await operation()
  } catch (error) {
    return error as zmq.ZeromqError
  }
  throw new Error('expected an error')
}

describe('construction', () => {
  it('throws TypeErrors for unknown, read-only and mistyped options', () => {
    expect(() => new zmq.Dealer({ doesNotExist: 1 } as never)).toThrow(
      /Cannot add property doesNotExist, object is not extensible/,
    )
    expect(() => new zmq.Dealer({ securityMechanism: 1 } as never)).toThrow(/which has only a getter/)
    expect(() => new zmq.Dealer({ recoveryInterval: 'x' } as never)).toThrow(/Option value must be a number/)
    expect(() => new zmq.Dealer(1 as never)).toThrow(/Options must be an object/)
    const dealer = track(new zmq.Dealer())
    expect(() => {
      ;(dealer as unknown as Record<string, unknown>).doesNotExist = 1
    }).toThrow(TypeError)
  })

  it('keeps inert options and the context', () => {
    const context = new zmq.Context({ ioThreads: 2 })
    const dealer = track(new zmq.Dealer({ context, recoveryInterval: 5, tcpKeepalive: 1 }))
    expect(dealer.context).toBe(context)
    expect(dealer.recoveryInterval).toBe(5)
    expect(dealer.tcpKeepalive).toBe(1)
    expect(track(new zmq.Pull()).context).toBe(zmq.context)
    expect(context.ioThreads).toBe(2)
    expect(() => new zmq.Context({ ioThreads: 'x' } as never)).toThrow(/must be a number/)
    expect(() => {
      ;(context as unknown as Record<string, unknown>).maxSocketsLimit = 1
    }).toThrow(TypeError)
  })

  it('gives sockets a 30 s linger under a non-blocky context', () => {
    const context = new zmq.Context({ blocky: false })
    expect(track(new zmq.Push({ context })).linger).toBe(30_000)
    expect(track(new zmq.Push()).linger).toBe(-1)
  })
})

describe('errors as zeromq.js reports them', () => {
  it('bad endpoints: EINVAL and EPROTONOSUPPORT with errno', async () => {
    const dealer = track(new zmq.Dealer())
    const invalid = await caught(() => dealer.bind('foo-bar'))
    expect([invalid.message, invalid.code, invalid.errno]).toEqual(['Invalid argument', 'EINVAL', 22])
    const protocol = await caught(() => dealer.connect('foo://bar'))
    expect([protocol.message, protocol.code, protocol.address]).toEqual([
      'Protocol not supported',
      'EPROTONOSUPPORT',
      'foo://bar',
    ])
    expect(protocol.cause).toBeInstanceOf(Error)
  })

  it('unknown endpoints: ENOENT "No such endpoint" with the address', async () => {
    const dealer = track(new zmq.Dealer())
    const error = await caught(() => dealer.unbind('tcp://127.0.0.1:5997'))
    expect([error.message, error.code, error.address]).toEqual([
      'No such endpoint',
      'ENOENT',
      'tcp://127.0.0.1:5997',
    ])
  })

  it('closed sockets: EBADF "Socket is closed"; calls waiting at close: EAGAIN', async () => {
    const pull = new zmq.Pull()
    const waiting = pull.receive()
    pull.close()
    const cancelled = await caught(() => waiting)
    expect([cancelled.code, cancelled.message]).toEqual(['EAGAIN', 'Operation was not possible or timed out'])
    const after = await caught(() => pull.receive())
    expect([after.code, after.errno, after.message]).toEqual(['EBADF', 9, 'Socket is closed'])
  })

  it('EFSM for a Request that sends twice', async () => {
    const rep = track(new zmq.Reply())
    await rep.bind('inproc://compat-efsm')
    const req = track(new zmq.Request())
    req.connect('inproc://compat-efsm')
    await req.send('a')
    const error = await caught(() => req.send('b'))
    expect([error.code, error.message]).toEqual(['EFSM', 'Operation cannot be accomplished in current state'])
  })
})

describe('send', () => {
  it('coerces what is not bytes to a string, as zeromq.js', async () => {
    const pull = track(new zmq.Pull())
    await pull.bind('inproc://compat-coerce')
    const push = track(new zmq.Push())
    push.connect('inproc://compat-coerce')
    await push.send([null, 16.5, true, {}] as never)
    const parts = await pull.receive()
    expect(parts.map((part) => part.toString())).toEqual(['', '16.5', 'true', '[object Object]'])
    expect(() => (push.send as () => unknown)()).toThrow(/Message must be present/)
  })

  it('on a receive-only socket checks its argument, then fails with ENOTSUP', async () => {
    const sub = track(new zmq.Subscriber()) as unknown as { send(...args: unknown[]): Promise<void> }
    expect(() => sub.send()).toThrow(/Message must be present/)
    const error = await caught(() => sub.send('x'))
    expect([error.code, error.message]).toEqual(['ENOTSUP', 'Operation not supported'])
  })
})

describe('Observer and events', () => {
  it('events.receive() gives end after close, then EBADF; inproc events are not reported', async () => {
    const pull = new zmq.Pull()
    await pull.bind('inproc://compat-events')
    const events = pull.events
    pull.close()
    expect((await events.receive()).type).toBe('end')
    const error = await caught(() => events.receive())
    expect([error.code, error.message]).toEqual(['EBADF', 'Socket is closed'])
    expect(events.closed).toBe(true)
  })
})

describe('Proxy', () => {
  it('validates its sockets and reports run() failures with their own message', async () => {
    expect(() => new zmq.Proxy({} as never, {} as never)).toThrow('Invalid argument')
    const proxy = new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer()))
    const error = await caught(() => proxy.run())
    expect([error.code, error.message]).toEqual(['EINVAL', 'Front-end socket must be bound or connected'])
    const terminate = await caught(() => proxy.terminate())
    expect([terminate.code, terminate.message]).toEqual(['EBADF', 'Socket is closed'])
  })
})

describe('the module', () => {
  it("exports zeromq.js's names, also as the default export", () => {
    for (const name of [
      'version',
      'capability',
      'curveKeyPair',
      'context',
      'Context',
      'Socket',
      'Observer',
      'Proxy',
    ]) {
      expect(zmq.default).toHaveProperty(name)
    }
    expect(zmq.default.Dealer).toBe(zmq.Dealer)
    expect(zmq.default.Stream).toBe(zmq.Stream)
    expect(zmq.capability.ipc).toBe(true)
  })

  it("has exactly zeromq.js's value names, Stream included", () => {
    const sockets = [
      'Pair',
      'Publisher',
      'Subscriber',
      'Request',
      'Reply',
      'Dealer',
      'Router',
      'Pull',
      'Push',
    ]
    const expected = [
      ...['version', 'capability', 'curveKeyPair', 'context', 'Context', 'Socket', 'Observer', 'Proxy'],
      ...[...sockets, 'XPublisher', 'XSubscriber', 'Stream'],
    ].sort()
    expect(Object.keys(zmq.default).sort()).toEqual(expected)
    expect(
      Object.keys(zmq)
        .filter((name) => name !== 'default' && name !== 'module.exports')
        .sort(),
    ).toEqual(expected)
  })
})

describe('the generic Socket constructor', () => {
  it('makes the named class of a libzmq socket type number, with its options', () => {
    const expected: (abstract new (...args: never[]) => object)[] = [zmq.Pair, zmq.Publisher, zmq.Subscriber]
    expected.push(zmq.Request, zmq.Reply, zmq.Dealer)
    expected.push(zmq.Router, zmq.Pull, zmq.Push, zmq.XPublisher, zmq.XSubscriber, zmq.Stream)
    expected.forEach((named, type) => {
      const socket = track(new zmq.Socket(type))
      expect(socket).toBeInstanceOf(named)
      expect(socket).toBeInstanceOf(zmq.Socket)
    })
    const context = new zmq.Context()
    const dealer = track(new zmq.Socket(5, { context, linger: 0 })) as zmq.Dealer
    expect([dealer.context, dealer.linger]).toEqual([context, 0])
    expect(dealer.context).not.toBe(zmq.context)
  })

  it('refuses what zeromq.js refuses, with its errors', async () => {
    const Generic = zmq.Socket as unknown as (...args: unknown[]) => unknown
    expect(() => Generic(1)).toThrow("Class constructors cannot be invoked without 'new'")
    expect(() => new zmq.Socket(undefined as never)).toThrow('Socket type must be a number')
    expect(() => new zmq.Socket('foo' as never)).toThrow('Socket type must be a number')
    expect(() => new (zmq.Socket as never as new (...a: unknown[]) => unknown)(1, {}, 2)).toThrow(
      'Expected 2 arguments',
    )
    expect(() => new zmq.Socket(3, 1 as never)).toThrow('Options must be an object')
    for (const type of [12, 14, 37, 4591, 1.5]) {
      const error = await caught(() => new zmq.Socket(type))
      expect([error.message, error.code, error.errno]).toEqual(['Invalid argument', 'EINVAL', 22])
    }
    const invalid = await caught(() => new zmq.Socket(1, { context: {} as zmq.Context }))
    expect([invalid.message, invalid.code]).toEqual(['Invalid argument', 'EINVAL'])
  })
})
