import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { timeoutCheckInterval } from '../src/node/http-host.js'
import { WS_MAX_PAYLOAD, wsMaxPayload } from '../src/node/payload-cap.js'
import { closeAll, closed, type Harness, listen } from './support/harness.js'

const harnesses: Harness[] = []
const cleanups: (() => void)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup()
  await closeAll(harnesses.splice(0))
})

async function server(...args: Parameters<typeof listen>): Promise<Harness> {
  const harness = await listen(...args)
  harnesses.push(harness)
  return harness
}

/** A raw `ws` client on our alias subprotocol; resolves once open. */
function client(port: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/zmq`, ['ZWS2.0-NULL'])
    cleanups.push(() => socket.terminate())
    socket.once('open', () => resolve(socket))
    socket.once('error', reject)
  })
}

describe('the ws payload cap', () => {
  it('is the message size plus the flags octet, clamped to what ws stores in an int32', () => {
    expect(wsMaxPayload(undefined)).toBe(0)
    expect(wsMaxPayload(0)).toBe(1)
    expect(wsMaxPayload(1000)).toBe(1001)
    expect(wsMaxPayload(WS_MAX_PAYLOAD - 1)).toBe(WS_MAX_PAYLOAD)
    for (const size of [WS_MAX_PAYLOAD, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      const cap = wsMaxPayload(size)
      expect(cap).toBe(WS_MAX_PAYLOAD)
      // What ws keeps (receiver.js: `maxPayload | 0`) is still the same positive limit.
      expect(cap | 0).toBe(cap)
    }
  })

  it.each([2 ** 32, 2 ** 31 - 1])(
    'delivers messages on a listener with maxMessageSize %d',
    async (maxMessageSize) => {
      // Before the clamp, 2^32 + 1 wrapped to 1 in ws and every message closed the connection (1009).
      const { port, nextConnection } = await server('ws://127.0.0.1:*/zmq', {}, { maxMessageSize })
      const accepted = nextConnection()
      const socket = await client(port)
      const connection = await accepted
      const received = new Promise<Uint8Array>((resolve) => connection.on('data', resolve))
      const payload = new Uint8Array(4097).fill(7)
      payload[0] = 0
      socket.send(payload)
      expect((await received).length).toBe(payload.length)
    },
  )

  it('still refuses a message over a small maxMessageSize in ws itself', async () => {
    const { port, nextConnection } = await server('ws://127.0.0.1:*/zmq', {}, { maxMessageSize: 100 })
    const accepted = nextConnection()
    const socket = await client(port)
    const connection = await accepted
    const gone = closed(connection)
    socket.send(new Uint8Array(102))
    expect(await gone).toBeInstanceOf(Error)
  })
})

describe('the upgrade timeout', () => {
  it('checks ten times per timeout, at most every second', () => {
    expect(timeoutCheckInterval(30_000)).toBe(1000)
    expect(timeoutCheckInterval(500)).toBe(50)
    expect(timeoutCheckInterval(20)).toBe(10)
  })

  it('disconnects a client whose upgrade headers never finish soon after the stated time', async () => {
    const upgradeTimeout = 400
    const { port, nextError } = await server('ws://127.0.0.1:*/zmq', { upgradeTimeout })
    const reported = nextError()
    const socket: Socket = connect(port, '127.0.0.1')
    cleanups.push(() => socket.destroy())
    await new Promise((resolve) => socket.once('connect', resolve))
    const started = Date.now()
    socket.write('GET /zmq HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    socket.resume()
    await new Promise((resolve) => socket.once('close', resolve))
    const elapsed = Date.now() - started
    expect(await reported).toBeInstanceOf(Error)
    expect(elapsed).toBeGreaterThanOrEqual(upgradeTimeout - 50)
    // Node's default check every 30 s would have let it stay for up to 30.4 s; a generous bound that a
    // loaded machine still meets, far below that.
    expect(elapsed).toBeLessThan(10_000)
  })
})
