import { describe, expect, it } from 'vitest'
import {
  concatBytes,
  Engine,
  type EngineHandler,
  ErrorCode,
  encodeCommandFrame,
  encodeFrame,
  encodeGreeting,
  encodePing,
  FrameFlags,
  fromHex,
  type MultipartBudget,
  PART_OVERHEAD,
  toHex,
  utf8Encode,
  type ZmtpError,
} from '../src/index.js'

const greeting = encodeGreeting({ mechanism: 'NULL' })
const routerReady = fromHex(
  '04 29 05 52454144 59 0b 536f636b65742d54797065 00000006 524f55544552 08 4964656e74697479 00000000',
)
const pong = (context: string) =>
  toHex(encodeCommandFrame(concatBytes([utf8Encode('\x04PONG'), utf8Encode(context)])))
const ping = (context: string) => encodeCommandFrame(encodePing(0, utf8Encode(context)))
const more = (body: Uint8Array) => encodeFrame(FrameFlags.More, body)

/** A ready DEALER engine whose transport accepts writes only while `writable` is true. */
function readyEngine(budget?: MultipartBudget) {
  const state = { writable: true, written: [] as Uint8Array[], errors: [] as ZmtpError[], messages: 0 }
  const handler: EngineHandler = {
    write: (chunks) => {
      state.written.push(...chunks.map((c) => c.slice()))
      return state.writable
    },
    handshake: () => {},
    message: () => {
      state.messages++
    },
    subscription: () => {},
    error: (error) => state.errors.push(error),
  }
  const e = new Engine({ socketType: 'DEALER', handshakeInterval: 0, multipartBudget: budget }, handler)
  e.start()
  e.receive(concatBytes([greeting, routerReady]))
  e.flush()
  expect(e.ready).toBe(true)
  state.written.length = 0
  const out = () => {
    e.flush()
    return toHex(concatBytes(state.written.splice(0)))
  }
  return { e, state, out }
}

describe('Engine under a peer that does not read', () => {
  it('answers PINGs while the transport takes writes', () => {
    const { e, out } = readyEngine()
    e.receive(concatBytes([ping('a'), ping('b')]))
    expect(out()).toBe(pong('a') + pong('b'))
  })

  it('answers no PING while the transport is full, then the newest one once it drains', () => {
    const { e, state, out } = readyEngine()
    state.writable = false
    e.receive(ping('first'))
    expect(out()).toBe(pong('first'))
    // The write above reported a full buffer: a flood now costs nothing.
    const flood = Array.from({ length: 1000 }, (_, i) => ping(`p${i}`))
    e.receive(concatBytes(flood))
    expect(out()).toBe('')
    state.writable = true
    e.drained()
    expect(out()).toBe(pong('p999'))
    e.receive(ping('again'))
    expect(out()).toBe(pong('again'))
  })
})

describe('Engine with a socket-wide multipart budget', () => {
  it('charges each held part its size plus the overhead, and gives it back when the message completes', () => {
    const budget: MultipartBudget = { limit: 10_000, used: 0 }
    const { e, state } = readyEngine(budget)
    e.receive(concatBytes([more(new Uint8Array(100)), more(new Uint8Array(0))]))
    expect(budget.used).toBe(100 + 2 * PART_OVERHEAD)
    e.receive(encodeFrame(0, new Uint8Array(5)))
    expect(budget.used).toBe(0)
    expect(state.messages).toBe(1)
  })

  it('fails the connection that would pass the limit, with ERR_LIMIT_EXCEEDED, and frees what it held', () => {
    const budget: MultipartBudget = { limit: 4 * PART_OVERHEAD, used: 0 }
    const first = readyEngine(budget)
    const second = readyEngine(budget)
    first.e.receive(concatBytes([more(new Uint8Array(0)), more(new Uint8Array(0))]))
    second.e.receive(more(new Uint8Array(0)))
    expect(budget.used).toBe(3 * PART_OVERHEAD)
    // One more part fits; the one after that would pass the limit shared by both connections.
    second.e.receive(more(new Uint8Array(0)))
    expect(second.state.errors).toEqual([])
    first.e.receive(more(new Uint8Array(0)))
    expect(first.state.errors.map((x) => x.code)).toEqual([ErrorCode.LimitExceeded])
    expect(first.e.closed).toBe(true)
    expect(budget.used).toBe(2 * PART_OVERHEAD)
    second.e.close()
    expect(budget.used).toBe(0)
  })

  it('counts nothing for single-part messages, however large', () => {
    const budget: MultipartBudget = { limit: 10, used: 0 }
    const { e, state } = readyEngine(budget)
    e.receive(encodeFrame(0, new Uint8Array(100_000)))
    expect(state.errors).toEqual([])
    expect(state.messages).toBe(1)
    expect(budget.used).toBe(0)
  })
})
