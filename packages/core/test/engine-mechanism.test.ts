import { describe, expect, it } from 'vitest'
import {
  AuthError,
  decodeCommand,
  type EngineOptions,
  ErrorCode,
  encodeCancel,
  encodeFrame,
  encodeSubscribe,
  type FlagsAndBody,
  FrameDecoder,
  FrameFlags,
  GREETING_SIZE,
  PeerError,
  toHex,
  utf8Decode,
  utf8Encode,
} from '../src/index.js'
import { deliver, engine, pair } from './support/engine-harness.js'
import { XOR_MESSAGE, XorMechanism, type XorOptions, xorUnwrap, xorWrap } from './support/xor-mechanism.js'

const KEY = 0x5a
type Framing = NonNullable<EngineOptions['framing']>

/** The frames in chunks an engine wrote (a stream after its greeting, or ZWS messages). */
function framesOf(chunks: Uint8Array[], framing: Framing, skip = 0): FlagsAndBody[] {
  const frames: FlagsAndBody[] = []
  if (framing === 'stream') {
    const decoder = new FrameDecoder((flags, body) => frames.push([flags, body.slice()]))
    const bytes = chunks.flatMap((chunk) => [...chunk]).slice(skip)
    decoder.push(Uint8Array.from(bytes))
  } else {
    for (const chunk of chunks.slice(skip)) {
      const flags = (chunk[0]! & 0x01 ? FrameFlags.More : 0) | (chunk[0]! & 0x02 ? FrameFlags.Command : 0)
      frames.push([flags, chunk.slice(1)])
    }
  }
  return frames
}

/** Checks that every frame on the wire is a sealed XOR MESSAGE and returns what each one holds. */
function opened(frames: FlagsAndBody[]): FlagsAndBody[] {
  for (const [flags, body] of frames) {
    // Only MORE and COMMAND carry meaning (a stream decoder also reports LONG).
    expect(flags & (FrameFlags.More | FrameFlags.Command)).toBe(FrameFlags.Command)
    expect(decodeCommand(body).name).toBe(XOR_MESSAGE)
  }
  return frames.map(([flags, body]) => xorUnwrap(KEY, flags, body))
}

/** One frame as the peer would put it on the wire. */
function onWire(framing: Framing, [flags, body]: FlagsAndBody): Uint8Array {
  if (framing === 'stream') return encodeFrame(flags, body)
  const message = new Uint8Array(1 + body.length)
  message[0] = (flags & FrameFlags.More ? 0x01 : 0) | (flags & FrameFlags.Command ? 0x02 : 0)
  message.set(body, 1)
  return message
}

type Accept = XorOptions['accept']

/** A client (left) and a server (right), both with the XOR mechanism, after the handshake ran as far as it can. */
function xorPair(
  framing: Framing,
  types: [EngineOptions['socketType'], EngineOptions['socketType']] = ['DEALER', 'ROUTER'],
  accept: { client?: Accept; server?: Accept } = {},
) {
  return pair(
    { framing, socketType: types[0], mechanism: new XorMechanism({ key: KEY, accept: accept.client }) },
    { framing, socketType: types[1], mechanism: new XorMechanism({ key: KEY, accept: accept.server }, true) },
  )
}

/** Lets every settled promise run its continuations. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

describe.each(['stream', 'message'] as const)('a wrapping mechanism over %s framing', (framing) => {
  it('runs the handshake in the clear and reports the mechanism and user id', () => {
    const client = engine({ framing, mechanism: new XorMechanism({ key: KEY }) })
    client.e.start()
    // Over a stream the handshake starts once a greeting arrives: give the client back its own.
    if (framing === 'stream') client.e.receive(client.out().slice(0, GREETING_SIZE))
    const [ready] = framesOf(client.take(), framing)
    expect(ready![0]).toBe(FrameFlags.Command)
    expect(decodeCommand(ready![1]).name).toBe('READY')

    const { left, right } = xorPair(framing)
    expect(left.e.ready && right.e.ready).toBe(true)
    expect(left.peer()).toMatchObject({ mechanism: 'XOR', userId: 'xor-user', socketType: 'ROUTER' })
  })

  it('wraps every data frame and delivers the message opened, MORE flags intact', () => {
    const { left, right } = xorPair(framing)
    const message = [utf8Encode(''), utf8Encode('secret'), new Uint8Array(300).fill(7)]
    left.e.send(message)
    left.e.flush()
    const chunks = left.take()
    const inner = opened(framesOf(chunks, framing))
    expect(inner.map(([flags]) => flags)).toEqual([FrameFlags.More, FrameFlags.More, 0])
    expect(toHex(concat(chunks))).not.toContain(toHex(utf8Encode('secret')))
    deliver(right.e, chunks, framing)
    expect(right.messages).toEqual([message])
  })

  it('opens SUBSCRIBE and CANCEL commands that arrive wrapped', () => {
    const { left, right } = xorPair(framing, ['SUB', 'PUB'])
    right.e.receive(onWire(framing, xorWrap(KEY, FrameFlags.Command, encodeSubscribe(utf8Encode('news')))))
    right.e.receive(onWire(framing, xorWrap(KEY, FrameFlags.Command, encodeCancel(utf8Encode('news')))))
    expect(right.subscriptions).toEqual([
      [true, 'news'],
      [false, 'news'],
    ])
    expect(right.errors).toEqual([])
    // Our own subscriptions leave wrapped too, in the form the framing uses.
    left.e.sendSubscription(true, utf8Encode('news'))
    left.e.flush()
    const chunks = left.take()
    const [[flags, body]] = opened(framesOf(chunks, framing)) as [FlagsAndBody]
    if (framing === 'stream') {
      expect(flags).toBe(FrameFlags.Command)
      expect(decodeCommand(body).name).toBe('SUBSCRIBE')
    } else {
      expect([flags, toHex(body)]).toEqual([0, `01${toHex(utf8Encode('news'))}`])
    }
    deliver(right.e, chunks, framing)
    expect(right.subscriptions.length + right.messages.length).toBe(3)
  })

  it('wraps PING, opens it at the peer, and wraps the PONG that answers it', () => {
    const { left, right } = xorPair(framing)
    left.e.ping(utf8Encode('hb'))
    const ping = left.take()
    const [[pingFlags, pingBody]] = opened(framesOf(ping, framing)) as [FlagsAndBody]
    expect(pingFlags).toBe(FrameFlags.Command)
    expect(decodeCommand(pingBody).name).toBe('PING')
    deliver(right.e, ping, framing)
    right.e.flush()
    const pong = right.take()
    const [[pongFlags, pongBody]] = opened(framesOf(pong, framing)) as [FlagsAndBody]
    expect(pongFlags).toBe(FrameFlags.Command)
    const command = decodeCommand(pongBody)
    expect([command.name, utf8Decode(command.data)]).toEqual(['PONG', 'hb'])
    deliver(left.e, pong, framing)
    expect([left.errors, right.errors]).toEqual([[], []])
  })

  it('fails on a frame that was not wrapped', () => {
    const { right } = xorPair(framing)
    right.e.receive(onWire(framing, [0, utf8Encode('plain')]))
    expect(right.errors[0]?.code).toBe(ErrorCode.MalformedCommand)
    expect(right.messages).toEqual([])
  })

  it('holds frames during an asynchronous step, then opens them in order', async () => {
    let decide: (accepted: boolean) => void = () => {}
    const verdict = new Promise<boolean>((resolve) => {
      decide = resolve
    })
    // The client checks the server, as a CURVE client would; the server is done and starts sending.
    const { left, right, pump } = xorPair(framing, ['DEALER', 'ROUTER'], { client: () => verdict })
    expect([left.e.ready, right.e.ready]).toEqual([false, true])
    right.e.send([utf8Encode('m1')])
    right.e.send([utf8Encode('m2'), utf8Encode('m3')])
    pump()
    expect(left.messages).toEqual([])
    decide(true)
    await settle()
    expect(left.e.ready).toBe(true)
    expect(left.peer()?.userId).toBe('xor-user')
    expect(left.messages.map((m) => m.map(utf8Decode))).toEqual([['m1'], ['m2', 'm3']])
  })

  it('fails a peer that keeps sending while the step is pending', () => {
    const never = () => new Promise<boolean>(() => {})
    const { left, right, pump } = xorPair(framing, ['DEALER', 'ROUTER'], { client: never })
    for (let i = 0; i < 64; i++) right.e.send([utf8Encode(`m${i}`)])
    pump()
    expect(left.errors).toEqual([])
    right.e.send([utf8Encode('one too many')])
    pump()
    expect(left.errors[0]?.code).toBe(ErrorCode.MalformedCommand)
  })

  it('refuses a peer with an ERROR command and a typed AuthError', () => {
    const { left, right } = xorPair(framing, ['DEALER', 'ROUTER'], { server: () => false })
    expect(right.errors[0]).toBeInstanceOf(AuthError)
    expect(right.errors[0]?.code).toBe(ErrorCode.AuthFailed)
    expect(left.errors[0]).toBeInstanceOf(PeerError)
    expect((left.errors[0] as PeerError).reason).toBe('400')
  })

  it('refuses after an asynchronous step the same way', async () => {
    const { left, right, pump } = xorPair(framing, ['DEALER', 'ROUTER'], { server: async () => false })
    await settle()
    pump()
    expect(right.errors[0]?.code).toBe(ErrorCode.AuthFailed)
    expect(left.errors[0]?.code).toBe(ErrorCode.PeerError)
  })
})

function concat(chunks: Uint8Array[]): Uint8Array {
  return Uint8Array.from(chunks.flatMap((chunk) => [...chunk]))
}
