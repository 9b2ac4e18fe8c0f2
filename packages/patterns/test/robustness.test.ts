/**
 * Robustness over every transport: a bad peer costs only its own connection, and high-water marks
 * bound memory. What a bad peer can send that only one kind of transport carries is in
 * robustness-stream.test.ts (tcp, ipc) and robustness-ws.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { ErrorCode, Publisher, Pull, Push, Subscriber } from '../src/index.js'
import { nextEvent, publishUntilReceived, text } from './helpers.js'
import { rawPeer } from './raw-peers.js'
import { robustnessSuite } from './robustness-setup.js'
import { ALL_TRANSPORTS, byName } from './transport-cases.js'

describe.each(byName(ALL_TRANSPORTS))('bad input over %s closes that connection only', (_, t) => {
  const { track, servingPull, stillServes } = robustnessSuite(t)

  it('an oversized frame closes the connection with ERR_FRAME_TOO_LARGE', async () => {
    const { pull, push, endpoint } = await servingPull({ maxMessageSize: 1024 })
    const bad = await rawPeer(t, endpoint)
    const handshaken = nextEvent(pull, 'handshake')
    bad.ready('PUSH')
    await handshaken
    const dropped = nextEvent(pull, 'disconnect')
    bad.oversized(1024)
    expect((await dropped).error).toMatchObject({ code: ErrorCode.FrameTooLarge })
    await bad.closed
    await stillServes(pull, push)
  })

  it('a peer holding incomplete messages past maxIncompleteBytes is dropped with ERR_LIMIT_EXCEEDED', async () => {
    // 200 empty MORE frames cost about 200 x 160 bytes against the socket-wide budget of 16 KiB.
    const { pull, push, endpoint } = await servingPull({ maxIncompleteBytes: 16 * 1024 })
    const bad = await rawPeer(t, endpoint)
    const handshaken = nextEvent(pull, 'handshake')
    bad.ready('PUSH')
    await handshaken
    const dropped = nextEvent(pull, 'disconnect')
    bad.incomplete(200)
    expect((await dropped).error).toMatchObject({ code: ErrorCode.LimitExceeded })
    await bad.closed
    await stillServes(pull, push)
  })

  it('a peer of the wrong socket type is refused and the socket keeps serving', async () => {
    const { pull, push, endpoint } = await servingPull()
    const failed = nextEvent(pull, 'handshake:error:protocol')
    const wrong = track(new Pull(t.options))
    wrong.connect(endpoint)
    expect((await failed).error).toMatchObject({ code: ErrorCode.SocketTypeMismatch })
    await stillServes(pull, push)
  })
})

describe.each(byName(ALL_TRANSPORTS))('high-water marks bound memory over %s', (_, t) => {
  const { track } = robustnessSuite(t)
  const transports = t.options.transports

  it('a Push to a Pull that does not read stops at about the HWM plus kernel buffers', async () => {
    const pull = track(new Pull({ transports, receiveHighWaterMark: 10 }))
    await pull.bind(t.bindTo())
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
    await pub.bind(t.bindTo())
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
