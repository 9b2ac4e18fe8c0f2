import { connect } from 'node:net'
import { tcp } from '@zmtp/transport-tcp'
import { afterEach, describe, expect, it } from 'vitest'
import { ErrorCode, Publisher, Pull, Push, Subscriber } from '../src/index.js'
import { nextEvent, publishUntilReceived, socketTracker, text } from './helpers.js'

const transports = [tcp()]
const greeting = (mechanism = 'NULL') => {
  const bytes = new Uint8Array(64)
  bytes[0] = 0xff
  bytes[9] = 0x7f
  bytes[10] = 3
  bytes[11] = 1
  bytes.set(new TextEncoder().encode(mechanism), 12)
  return bytes
}
const pushReady = Uint8Array.from([
  0x04,
  0x1a,
  0x05,
  ...new TextEncoder().encode('READY'),
  0x0b,
  ...new TextEncoder().encode('Socket-Type'),
  0,
  0,
  0,
  4,
  ...new TextEncoder().encode('PUSH'),
])

function portOf(endpoint: string): number {
  return Number(endpoint.slice(endpoint.lastIndexOf(':') + 1))
}

/** A raw TCP client that writes `bytes` to the endpoint and resolves when the server closes it. */
function rawClient(endpoint: string, chunks: Uint8Array[], end = false) {
  const socket = connect(portOf(endpoint), '127.0.0.1')
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  socket.on('error', () => {})
  // Read (and ignore) what the server sends, or the socket never sees its end.
  socket.resume()
  socket.on('connect', () => {
    for (const chunk of chunks) socket.write(chunk)
    if (end) socket.end()
  })
  return { socket, closed }
}

describe('bad input over TCP closes that connection only', () => {
  const { track, cleanup } = socketTracker()
  afterEach(cleanup)

  async function servingPull(options = {}) {
    const pull = track(new Pull({ transports, ...options }))
    await pull.bind('tcp://127.0.0.1:*')
    const push = track(new Push({ transports }))
    push.connect(pull.lastEndpoint!)
    return { pull, push, endpoint: pull.lastEndpoint! }
  }

  /** The good peer still gets through after the bad one was dropped. */
  async function stillServes(pull: Pull, push: Push) {
    await push.send('still here')
    expect(text(await pull.receive())).toEqual(['still here'])
  }

  it('a garbage greeting gets handshake:error:protocol and a close', async () => {
    const { pull, push, endpoint } = await servingPull()
    const failed = nextEvent(pull, 'handshake:error:protocol')
    const bad = rawClient(endpoint, [new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n')])
    expect((await failed).error).toMatchObject({ code: ErrorCode.BadGreeting })
    await bad.closed
    await stillServes(pull, push)
  })

  it('a stalled handshake is dropped after handshakeInterval', async () => {
    const { pull, push, endpoint } = await servingPull({ handshakeInterval: 200 })
    const failed = nextEvent(pull, 'handshake:error:other')
    const stalled = rawClient(endpoint, [greeting().subarray(0, 11)])
    expect((await failed).error).toMatchObject({ code: ErrorCode.HandshakeTimeout })
    await stalled.closed
    await stillServes(pull, push)
  })

  it('an oversized frame closes the connection with ERR_FRAME_TOO_LARGE', async () => {
    const { pull, push, endpoint } = await servingPull({ maxMessageSize: 1024 })
    const dropped = nextEvent(pull, 'disconnect')
    // A frame claiming 2^62 octets: refused from its header, nothing of that size allocated.
    const huge = Uint8Array.from([0x02, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3])
    const bad = rawClient(endpoint, [greeting(), pushReady, huge])
    expect((await dropped).error).toMatchObject({ code: ErrorCode.FrameTooLarge })
    await bad.closed
    await stillServes(pull, push)
  })

  it('a mechanism mismatch and a wrong socket type are refused', async () => {
    const { pull, push, endpoint } = await servingPull()
    const mismatch = nextEvent(pull, 'handshake:error:protocol')
    rawClient(endpoint, [greeting('PLAIN')])
    expect((await mismatch).error).toMatchObject({ code: ErrorCode.MechanismMismatch })
    const wrongType = nextEvent(pull, 'handshake:error:protocol')
    const pullReady = pushReady.slice()
    pullReady.set(new TextEncoder().encode('PULL'), pullReady.length - 4)
    rawClient(endpoint, [greeting(), pullReady])
    expect((await wrongType).error).toMatchObject({ code: ErrorCode.SocketTypeMismatch })
    await stillServes(pull, push)
  })

  it('a peer closing mid-message loses only that partial message', async () => {
    const { pull, push, endpoint } = await servingPull()
    const handshake = nextEvent(pull, 'handshake')
    const partial = Uint8Array.from([0x01, 0x01, 0x41, 0x00, 0x05, 0x42])
    const bad = rawClient(endpoint, [greeting(), pushReady, partial], true)
    await handshake
    await bad.closed
    await stillServes(pull, push)
  })
})

describe('high-water marks bound memory', () => {
  const { track, cleanup } = socketTracker()
  afterEach(cleanup)

  it('a Push to a Pull that does not read stops at about the HWM plus kernel buffers', async () => {
    const pull = track(new Pull({ transports, receiveHighWaterMark: 10 }))
    await pull.bind('tcp://127.0.0.1:*')
    const push = track(new Push({ transports, sendHighWaterMark: 10, sendTimeout: 200 }))
    const handshake = nextEvent(push, 'handshake')
    push.connect(pull.lastEndpoint!)
    await handshake
    const payload = new Uint8Array(1024)
    let sent = 0
    for (;;) {
      try {
        await push.send(payload)
        sent++
      } catch (error) {
        expect(error).toMatchObject({ code: ErrorCode.Again })
        break
      }
      if (sent > 100_000) throw new Error('Push never stopped: the high-water mark does not hold')
    }
    // Queues plus socket buffers hold a bounded number; all of it arrives once the Pull reads.
    expect(sent).toBeGreaterThan(10)
    for (let i = 0; i < sent; i++) await pull.receive()
  })

  it('a Publisher drops for a stalled Subscriber and keeps serving the others', async () => {
    const pub = track(new Publisher({ transports, sendHighWaterMark: 1000 }))
    await pub.bind('tcp://127.0.0.1:*')
    const stalled = track(new Subscriber({ transports, receiveHighWaterMark: 10 }))
    const live = track(new Subscriber({ transports }))
    for (const sub of [stalled, live]) {
      sub.connect(pub.lastEndpoint!)
      sub.subscribe('')
    }
    await publishUntilReceived(
      () => pub.send('warm-up'),
      () => live.receive(),
    )
    await publishUntilReceived(
      () => pub.send('warm-up'),
      () => stalled.receive(),
    )
    // The live subscriber reads everything in the background until the marker arrives.
    let liveCount = 0
    const reading = (async () => {
      for (;;) {
        const message = await live.receive()
        liveCount++
        if (text(message)[0] === 'marker') return
      }
    })()
    const payload = new Uint8Array(1024)
    for (let i = 0; i < 20_000; i++) {
      await pub.send([payload])
      // Let the I/O run now and then, as a real publisher's event loop would.
      if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await publishUntilReceived(
      () => pub.send('marker'),
      () => reading,
    )
    // The live subscriber kept up and got (nearly) everything.
    expect(liveCount).toBeGreaterThan(19_000)
    // The stalled one holds only what its queues and the socket buffers had room for: the rest was
    // dropped at the publisher rather than queued without bound.
    stalled.receiveTimeout = 300
    let stalledCount = 0
    try {
      for (;;) {
        await stalled.receive()
        stalledCount++
      }
    } catch (error) {
      expect(error).toMatchObject({ code: ErrorCode.Again })
    }
    expect(stalledCount).toBeLessThan(15_000)
  })
})
