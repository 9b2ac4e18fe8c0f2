/**
 * Bad input that only ws:// carries: text frames, empty and fragmented WebSocket messages, and garbage
 * before the upgrade. Each bad peer costs only its own connection. Cases every transport shares are in
 * robustness.test.ts.
 */
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../src/index.js'
import { nextEvent } from './helpers.js'
import { RawWebSocket } from './raw-peers.js'
import { robustnessSuite } from './robustness-setup.js'
import { WS } from './transport-cases.js'

describe('bad input over ws:// closes that connection only', () => {
  const { servingPull, stillServes } = robustnessSuite(WS)

  /** A raw ZWS client, once its upgrade is done. */
  async function rawClient(endpoint: string) {
    const raw = new RawWebSocket(endpoint)
    await raw.opened
    return raw
  }

  it('a text frame during the handshake gets handshake:error:protocol', async () => {
    const { pull, push, endpoint } = await servingPull()
    const failed = nextEvent(pull, 'handshake:error:protocol')
    const { client } = await rawClient(endpoint)
    client.send('READY')
    expect((await failed).error).toMatchObject({ code: ErrorCode.MalformedFrame })
    await stillServes(pull, push)
  })

  it('a text frame after the handshake gets a disconnect with ERR_MALFORMED_FRAME', async () => {
    const { pull, push, endpoint } = await servingPull()
    const raw = await rawClient(endpoint)
    const handshaken = nextEvent(pull, 'handshake')
    raw.ready('PUSH')
    await handshaken
    const gone = nextEvent(pull, 'disconnect')
    raw.client.send('hello')
    expect((await gone).error).toMatchObject({ code: ErrorCode.MalformedFrame })
    await stillServes(pull, push)
  })

  it('an empty binary message gets handshake:error:protocol', async () => {
    const { pull, push, endpoint } = await servingPull()
    const failed = nextEvent(pull, 'handshake:error:protocol')
    const { client } = await rawClient(endpoint)
    client.send(new Uint8Array(0))
    expect((await failed).error).toMatchObject({ code: ErrorCode.MalformedFrame })
    await stillServes(pull, push)
  })

  it('a fragmented message gets a disconnect with ERR_MALFORMED_FRAME', async () => {
    const { pull, push, endpoint } = await servingPull()
    const raw = await rawClient(endpoint)
    const handshaken = nextEvent(pull, 'handshake')
    raw.ready('PUSH')
    await handshaken
    const gone = nextEvent(pull, 'disconnect')
    raw.client.send(Uint8Array.from([0, 0x61]), { fin: false })
    raw.client.send(Uint8Array.from([0x62]), { fin: true })
    expect((await gone).error).toMatchObject({ code: ErrorCode.MalformedFrame })
    await stillServes(pull, push)
  })

  it('garbage before the upgrade gets accept:error with ERR_BAD_UPGRADE', async () => {
    const { pull, push, endpoint } = await servingPull()
    const failed = nextEvent(pull, 'accept:error')
    const port = Number(new URL(endpoint).port)
    const garbage = connect(port, '127.0.0.1')
    garbage.on('error', () => {})
    garbage.resume()
    garbage.write(Uint8Array.from([0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x7f, 13, 10, 13, 10]))
    expect((await failed).error).toMatchObject({ code: ErrorCode.BadUpgrade })
    garbage.destroy()
    await stillServes(pull, push)
  })
})
