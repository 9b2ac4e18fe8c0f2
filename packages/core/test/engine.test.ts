import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  concatBytes,
  ErrorCode,
  encodeGreeting,
  fromHex,
  SocketError,
  toHex,
  utf8Encode,
} from '../src/index.js'
import { engine, pair } from './support/engine-harness.js'

const libzmqGreeting = fromHex(
  `ff 0000000000000001 7f 03 01 ${toHex(utf8Encode('NULL'))}${'00'.repeat(16)} 00 ${'00'.repeat(31)}`,
)
const routerReady = fromHex(
  '04 29 05 52454144 59 0b 536f636b65742d54797065 00000006 524f55544552 08 4964656e74697479 00000000',
)

afterEach(() => {
  vi.useRealTimers()
})

describe('Engine over a byte stream', () => {
  it('sends the 64-octet greeting at start, then READY once the peer greeting arrives', () => {
    const { e, out } = engine({ routingId: utf8Encode('abc') })
    e.start()
    expect(toHex(out())).toBe(toHex(encodeGreeting({ mechanism: 'NULL' })))
    e.receive(libzmqGreeting.subarray(0, 10))
    e.receive(libzmqGreeting.subarray(10, 11))
    expect(out().length).toBe(0)
    e.receive(libzmqGreeting.subarray(11))
    // DEALER READY with Identity "abc".
    expect(toHex(out())).toBe(
      '042c0552454144590b536f636b65742d54797065000000064445414c4552084964656e7469747900000003616263',
    )
  })

  it('completes the NULL handshake and reports the peer', () => {
    const { e, peer } = engine()
    e.start()
    e.receive(concatBytes([libzmqGreeting, routerReady]))
    expect(e.ready).toBe(true)
    expect(peer()?.socketType).toBe('ROUTER')
    expect(peer()?.routingId.length).toBe(0)
    expect(peer()?.minor).toBe(1)
  })

  it('refuses an incompatible socket type with a typed error', () => {
    const { e, errors } = engine({ socketType: 'PUSH' })
    e.start()
    e.receive(concatBytes([libzmqGreeting, routerReady]))
    expect(errors.map((x) => x.code)).toEqual([ErrorCode.SocketTypeMismatch])
    expect(e.closed).toBe(true)
  })

  it('refuses a mechanism mismatch', () => {
    const { e, errors } = engine()
    e.start()
    const plain = libzmqGreeting.slice()
    plain.set(utf8Encode('PLAIN'), 12)
    e.receive(plain)
    expect(errors[0]?.code).toBe(ErrorCode.MechanismMismatch)
  })

  it('refuses a pre-3.0 peer and garbage', () => {
    const old = engine()
    old.e.start()
    old.e.receive(fromHex('ff 0000000000000001 7f 01'))
    expect(old.errors[0]?.code).toBe(ErrorCode.UnsupportedVersion)
    const http = engine()
    http.e.start()
    http.e.receive(utf8Encode('GET / HTTP/1.1\r\n'))
    expect(http.errors[0]?.code).toBe(ErrorCode.BadGreeting)
  })

  it('delivers multipart messages atomically, whatever the chunking', () => {
    const { left, right, pump } = pair({ socketType: 'DEALER' }, { socketType: 'ROUTER' })
    expect(left.e.ready && right.e.ready).toBe(true)
    left.e.send([utf8Encode(''), utf8Encode('hello'), new Uint8Array(300)])
    left.e.flush()
    const bytes = left.out()
    for (let i = 0; i < bytes.length; i++) right.e.receive(bytes.subarray(i, i + 1))
    pump()
    expect(right.messages).toHaveLength(1)
    expect(right.messages[0]!.map((f) => f.length)).toEqual([0, 5, 300])
  })

  it('answers PING with PONG echoing the context, truncated to 16 octets', () => {
    const { e, out } = engine()
    e.start()
    e.receive(concatBytes([libzmqGreeting, routerReady]))
    out()
    e.receive(fromHex(`04 0a 04 50494e47 0000 4c4f4c`))
    e.flush()
    expect(toHex(out())).toBe(`0408 04 504f4e47 4c4f4c`.replace(/ /g, ''))
    const long = new Uint8Array(58).fill(0x41)
    e.receive(concatBytes([fromHex('04 41 04 50494e47 0000'), long]))
    e.flush()
    expect(toHex(out())).toBe(`0415 04 504f4e47 ${'41'.repeat(16)}`.replace(/ /g, ''))
  })

  it('passes SUBSCRIBE and CANCEL commands up and ignores unknown commands', () => {
    const { e, subscriptions, errors } = engine({ socketType: 'PUB' })
    e.start()
    const subReady = fromHex('04 19 05 52454144 59 0b 536f636b65742d54797065 00000003 535542')
    e.receive(concatBytes([libzmqGreeting, subReady]))
    e.receive(fromHex('04 0b 09 535542534352494245 41'))
    e.receive(fromHex('04 05 04 4a554e4b'))
    e.receive(fromHex('04 08 06 43414e43454c 41'))
    expect(subscriptions).toEqual([
      [true, 'A'],
      [false, 'A'],
    ])
    expect(errors).toEqual([])
  })

  it('sends subscriptions as commands to 3.1 peers and as messages to 3.0 peers', () => {
    const v31 = pair({ socketType: 'SUB' }, { socketType: 'PUB' })
    v31.left.e.sendSubscription(true, utf8Encode('A'))
    v31.left.e.flush()
    expect(toHex(v31.left.out())).toBe('040b09535542534352494245' + '41')
    const v30 = pair({ socketType: 'SUB' }, { socketType: 'PUB', minorVersion: 0 })
    v30.left.e.sendSubscription(true, utf8Encode('A'))
    v30.left.e.flush()
    expect(toHex(v30.left.out())).toBe('00020141')
  })

  it('fails a stalled handshake after the handshake interval', () => {
    vi.useFakeTimers()
    const { e, errors } = engine({ handshakeInterval: 500 })
    e.start()
    e.receive(libzmqGreeting.subarray(0, 11))
    vi.advanceTimersByTime(499)
    expect(errors).toEqual([])
    vi.advanceTimersByTime(1)
    expect(errors[0]?.code).toBe(ErrorCode.HandshakeTimeout)
  })

  it('sends PINGs every interval and fails when nothing comes back', () => {
    vi.useFakeTimers()
    const { e, out, errors } = engine({
      heartbeatInterval: 100,
      heartbeatTimeToLive: 1000,
      heartbeatTimeout: 300,
    })
    e.start()
    e.receive(concatBytes([libzmqGreeting, routerReady]))
    out()
    vi.advanceTimersByTime(100)
    expect(toHex(out())).toBe('0407 04 50494e47 000a'.replace(/ /g, ''))
    vi.advanceTimersByTime(150)
    e.receive(fromHex('04 05 04 504f4e47'))
    vi.advanceTimersByTime(250)
    expect(errors).toEqual([])
    vi.advanceTimersByTime(300)
    expect(errors[0]?.code).toBe(ErrorCode.HeartbeatTimeout)
  })

  it("drops the connection when the peer's TTL passes in silence", () => {
    vi.useFakeTimers()
    const { e, errors } = engine()
    e.start()
    e.receive(concatBytes([libzmqGreeting, routerReady]))
    e.receive(fromHex('04 07 04 50494e47 0005'))
    vi.advanceTimersByTime(499)
    expect(errors).toEqual([])
    vi.advanceTimersByTime(1)
    expect(errors[0]?.code).toBe(ErrorCode.HeartbeatTimeout)
  })

  it('turns an oversized frame into ERR_FRAME_TOO_LARGE without throwing', () => {
    const { e, errors } = engine({ maxMessageSize: 1000 })
    e.start()
    e.receive(concatBytes([libzmqGreeting, routerReady]))
    expect(() => e.receive(fromHex('02 7fffffffffffffff'))).not.toThrow()
    expect(errors[0]?.code).toBe(ErrorCode.FrameTooLarge)
  })

  it('refuses data before the handshake', () => {
    const { e, errors } = engine()
    e.start()
    e.receive(concatBytes([libzmqGreeting, fromHex('00 02 6869')]))
    expect(errors[0]?.code).toBe(ErrorCode.MalformedCommand)
  })

  it('refuses send() before the handshake as a usage error, and ignores it once closed', () => {
    const { e, out } = engine()
    e.start()
    out()
    const early = () => e.send([utf8Encode('early')])
    expect(early).toThrow(SocketError)
    expect(catchError(early)?.code).toBe(ErrorCode.WrongState)
    e.close()
    expect(early).not.toThrow()
    expect(out().length).toBe(0)
  })

  it('refuses READY with trailing bytes', () => {
    const { e, errors } = engine()
    e.start()
    const bad = concatBytes([fromHex('04 2a'), routerReady.subarray(2), fromHex('00')])
    e.receive(concatBytes([libzmqGreeting, bad]))
    expect(errors[0]?.code).toBe(ErrorCode.MalformedMetadata)
  })

  it('writes the first message of a burst at once and batches the rest into one write', async () => {
    const { left, right } = pair({ socketType: 'PUSH' }, { socketType: 'PULL' })
    const writes = recordWrites(left.handler)
    left.e.send([utf8Encode('m0')])
    // A lone message (a request, a reply) does not wait for the end of the turn.
    expect(writes).toEqual([4])
    for (let i = 1; i < 1000; i++) left.e.send([utf8Encode(`m${i}`)])
    expect(writes).toHaveLength(1)
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(writes).toHaveLength(2)
    right.e.receive(left.out())
    expect(right.messages).toHaveLength(1000)
    expect(new TextDecoder().decode(right.messages[999]![0])).toBe('m999')
    // After the burst, the next message leaves at once again.
    left.e.send([utf8Encode('again')])
    expect(writes).toHaveLength(3)
  })

  it('writes each message of a request/reply exchange at once, with no turn of the event loop between', () => {
    const { left, right } = pair({ socketType: 'REQ' }, { socketType: 'REP' })
    const writes = recordWrites(left.handler)
    for (let i = 0; i < 3; i++) {
      left.e.send([new Uint8Array(0), utf8Encode(`q${i}`)])
      expect(writes).toHaveLength(i + 1)
      right.e.receive(left.out())
      right.e.send([new Uint8Array(0), utf8Encode(`r${i}`)])
      right.e.flush()
      // The reply is input: the next request answers it and leaves at once, synchronously.
      left.e.receive(right.out())
    }
    expect(right.messages).toHaveLength(3)
    expect(left.messages).toHaveLength(3)
  })

  it('batches a second message sent without input in between until the end of the turn', async () => {
    const { left } = pair({ socketType: 'PUSH' }, { socketType: 'PULL' })
    const writes = recordWrites(left.handler)
    left.e.send([utf8Encode('a')])
    left.e.send([utf8Encode('b')])
    expect(writes).toHaveLength(1)
    await new Promise((resolve) => setImmediate(resolve))
    expect(writes).toHaveLength(2)
  })
})

describe('Engine over ZWS 2.0 messages', () => {
  it('runs the NULL handshake with one frame per message and a flags octet', () => {
    const { e, out, peer } = engine({ framing: 'message', socketType: 'DEALER' })
    e.start()
    const ready = out()
    expect(ready[0]).toBe(0x02)
    e.receive(fromHex('02 05 52454144 59 0b 536f636b65742d54797065 00000006 524f55544552'))
    expect(peer()?.socketType).toBe('ROUTER')
    e.send([utf8Encode(''), utf8Encode('x')])
    e.flush()
    expect(toHex(out())).toBe('01' + '00' + '78')
  })

  it('exchanges routing ids in legacy ZWS2.0 mode', () => {
    const { e, out, peer, messages } = engine({ framing: 'message-legacy', routingId: utf8Encode('me') })
    e.start()
    expect(toHex(out())).toBe('006d65')
    e.receive(fromHex('00 7065657231'))
    expect(new TextDecoder().decode(peer()!.routingId)).toBe('peer1')
    e.receive(fromHex('01 41'))
    e.receive(fromHex('00 42'))
    expect(messages.map((m) => m.map((f) => new TextDecoder().decode(f)))).toEqual([['A', 'B']])
  })

  it('refuses a legacy ZWS2.0 routing id over 255 octets, as a READY Identity', () => {
    const ok = engine({ framing: 'message-legacy' })
    ok.e.start()
    ok.e.receive(new Uint8Array(256))
    expect(ok.errors).toEqual([])
    const bad = engine({ framing: 'message-legacy' })
    bad.e.start()
    bad.e.receive(new Uint8Array(257))
    expect(bad.errors[0]?.code).toBe(ErrorCode.MalformedMetadata)
  })

  it('rejects an empty message and sends subscriptions as data', () => {
    const bad = engine({ framing: 'message-legacy' })
    bad.e.start()
    bad.e.receive(new Uint8Array(0))
    expect(bad.errors[0]?.code).toBe(ErrorCode.MalformedFrame)
    const sub = engine({ framing: 'message', socketType: 'SUB' })
    sub.e.start()
    sub.out()
    sub.e.receive(fromHex('02 05 52454144 59 0b 536f636b65742d54797065 00000003 505542'))
    sub.e.sendSubscription(true, utf8Encode('A'))
    sub.e.flush()
    expect(toHex(sub.out())).toBe('000141')
  })
})

function catchError(run: () => void): SocketError | undefined {
  try {
    run()
  } catch (error) {
    return error as SocketError
  }
  return undefined
}

/** Octets of each write the engine makes through `handler`, in order. */
function recordWrites(handler: { write: (chunks: Uint8Array[]) => unknown }): number[] {
  const writes: number[] = []
  const original = handler.write
  handler.write = (chunks) => {
    writes.push(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
    return original(chunks)
  }
  return writes
}
