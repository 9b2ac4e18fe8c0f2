/**
 * zeromq.js's raw option accessors: libzmq option numbers reach the named properties, with the C
 * types' conversions, and what libzmq refuses fails with EINVAL; argument errors are zeromq.js's.
 */
import { z85Decode } from '@zmtp/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as zmq from '../src/index.js'
import { track } from './tracker.js'

function caught(operation: () => unknown): zmq.ZeromqError {
  try {
    operation()
  } catch (error) {
    return error as zmq.ZeromqError
  }
  throw new Error('expected an error')
}

describe('raw socket options', () => {
  let warnings: string[]
  const record = (warning: Error) => warnings.push(warning.message)
  beforeEach(() => {
    warnings = []
    process.on('warning', record)
  })
  afterEach(() => {
    process.off('warning', record)
  })

  it('read and write the named properties by libzmq number', () => {
    const dealer = track(new zmq.Dealer())
    expect(dealer.getBoolOption(39)).toBe(false) // ZMQ_IMMEDIATE
    dealer.setBoolOption(39, true)
    expect(dealer.immediate).toBe(true)
    expect(dealer.getInt32Option(23)).toBe(1000) // ZMQ_SNDHWM
    dealer.sendHighWaterMark = 7
    expect(dealer.getInt32Option(23)).toBe(7)
    dealer.setInt32Option(17, 250) // ZMQ_LINGER
    expect(dealer.linger).toBe(250)
    expect(dealer.getInt64Option(22)).toBe(-1) // ZMQ_MAXMSGSIZE
    dealer.setInt64Option(22, 2 ** 40)
    expect(dealer.maxMessageSize).toBe(2 ** 40)
    dealer.setUint32Option(57, 8) // ZMQ_TOS
    expect(dealer.typeOfService).toBe(8)
  })

  it('read string options as text, null when unset; take strings, bytes or null', () => {
    const dealer = track(new zmq.Dealer())
    expect(dealer.getStringOption(5)).toBe(null) // ZMQ_ROUTING_ID
    dealer.setStringOption(5, 'ïd')
    expect(dealer.getStringOption(5)).toBe('ïd')
    dealer.setStringOption(5, Buffer.from([0, 1, 2]))
    expect([...(dealer.routingId ?? [])]).toEqual([0, 1, 2])
    dealer.setStringOption(5, 'x'.repeat(32))
    expect(dealer.getStringOption(5)).toBe('x'.repeat(32))
    dealer.setStringOption(68, Buffer.from('proxy:1080')) // ZMQ_SOCKS_PROXY
    expect(dealer.getStringOption(68)).toBe('proxy:1080')
    dealer.setStringOption(68, null)
    expect(dealer.getStringOption(68)).toBe(null)
  })

  it('read binary CURVE keys in Z85, as libzmq gives them as text', () => {
    const { secretKey } = zmq.curveKeyPair()
    const server = track(new zmq.Dealer())
    server.setStringOption(49, Buffer.from(z85Decode(secretKey))) // ZMQ_CURVE_SECRETKEY, 32 bytes
    expect(server.getStringOption(49)).toBe(secretKey)
  })

  it('give computed values as libzmq numbers: type, mechanism, events', () => {
    expect(track(new zmq.Dealer()).getInt32Option(16)).toBe(5) // ZMQ_TYPE, ZMQ_DEALER
    expect(track(new zmq.Stream()).getInt32Option(16)).toBe(11)
    const plain = track(new zmq.Dealer({ plainServer: true }))
    expect(plain.getInt32Option(43)).toBe(1) // ZMQ_MECHANISM, ZMQ_PLAIN
    expect(track(new zmq.Publisher()).getInt32Option(15)).toBe(2) // ZMQ_EVENTS: ZMQ_POLLOUT
  })

  it('subscribe through ZMQ_SUBSCRIBE', async () => {
    const pub = track(new zmq.XPublisher())
    await pub.bind('inproc://raw-subscribe')
    const sub = track(new zmq.Subscriber())
    sub.setStringOption(6, 'b')
    sub.connect('inproc://raw-subscribe')
    // The subscription reaching the publisher: 1 (subscribe) then the topic.
    expect([...(await pub.receive())[0]!]).toEqual([1, 'b'.charCodeAt(0)])
    await pub.send('a: dropped')
    await pub.send('b: kept')
    expect((await sub.receive())[0]!.toString()).toBe('b: kept')
  })

  it('convert numbers as the C types do; a large uint64 warns', async () => {
    const dealer = track(new zmq.Dealer())
    dealer.setInt32Option(19, 2 ** 32 + 5) // ZMQ_BACKLOG wraps as an int32
    expect(dealer.backlog).toBe(5)
    dealer.setUint64Option(4, -3) // ZMQ_AFFINITY: negative to 0
    expect(dealer.getUint64Option(4)).toBe(0)
    expect(warnings).toEqual([])
    dealer.setUint64Option(4, 2 ** 70) // past the largest uint64: saturates
    expect(dealer.getUint64Option(4)).toBe(2 ** 64)
    await new Promise(process.nextTick)
    expect(warnings).toEqual([
      'Value is larger than Number.MAX_SAFE_INTEGER and may have been rounded inaccurately.',
    ])
  })

  it('fail with EINVAL for options the socket lacks, the wrong width, and the wrong direction', () => {
    const dealer = track(new zmq.Dealer())
    for (const operation of [
      () => dealer.getInt32Option(1000), // no such option
      () => dealer.getBoolOption(33), // ZMQ_ROUTER_MANDATORY: Router only
      () => dealer.getInt32Option(22), // int64 option through the int accessor
      () => dealer.getInt64Option(19), // int option through the int64 accessor
      () => dealer.getStringOption(19),
      () => dealer.getBoolOption(51), // ZMQ_PROBE_ROUTER is write-only
      () => dealer.setInt32Option(16, 1), // ZMQ_TYPE is read-only
    ]) {
      const error = caught(operation)
      expect([error.message, error.code, error.errno]).toEqual(['Invalid argument', 'EINVAL', 22])
    }
    expect(track(new zmq.Router()).getBoolOption(33)).toBe(false)
  })

  it("check their arguments with zeromq.js's TypeErrors", () => {
    const dealer = track(new zmq.Dealer()) as unknown as Record<string, (...args: unknown[]) => unknown>
    expect(() => dealer.getBoolOption!('39')).toThrow(new TypeError('Identifier must be a number'))
    expect(() => dealer.setBoolOption!(39, 1)).toThrow(new TypeError('Option value must be a boolean'))
    expect(() => dealer.setInt32Option!(19, '1')).toThrow(new TypeError('Option value must be a number'))
    expect(() => dealer.setStringOption!(5, 1)).toThrow(
      new TypeError('Option value must be a string or buffer'),
    )
    expect(() => dealer.setInt32Option!(19, 1, 2)).toThrow(
      new TypeError('Expected 2 arguments but received 3'),
    )
  })

  it('go through the property, so its checks and late-option warning apply', async () => {
    const dealer = track(new zmq.Dealer())
    const tooLong = caught(() => dealer.setStringOption(5, 'x'.repeat(256)))
    expect(tooLong.code).toBe('EINVAL')
    dealer.connect('inproc://raw-late')
    dealer.setBoolOption(39, true)
    await new Promise(process.nextTick)
    expect(warnings).toEqual(['Socket option will not take effect until next connect/bind.'])
  })
})

describe('raw context options', () => {
  it('read and write the named properties by libzmq number', () => {
    const context = new zmq.Context()
    expect(context.getInt32Option(1)).toBe(1) // ZMQ_IO_THREADS
    context.setInt32Option(1, 4)
    expect(context.ioThreads).toBe(4)
    expect(context.getBoolOption(70)).toBe(true) // ZMQ_BLOCKY
    context.setBoolOption(70, false)
    expect(context.blocky).toBe(false)
    // 3 reads ZMQ_SOCKET_LIMIT and writes ZMQ_THREAD_PRIORITY, as in libzmq.
    context.setInt32Option(3, 5)
    expect([context.getInt32Option(3), context.threadPriority]).toEqual([65535, 5])
    expect(caught(() => context.getInt32Option(4)).code).toBe('EINVAL') // write-only
    expect(caught(() => context.getInt32Option(99)).code).toBe('EINVAL')
  })
})
