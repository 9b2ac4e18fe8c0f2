import { connect } from 'node:net'
import { ws } from '@zmtp/transport-ws'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { ErrorCode, Pull, Push } from '../src/index.js'
import { nextEvent, socketTracker, text } from './helpers.js'

const transports = [ws()]
const encoder = new TextEncoder()
/** READY of a PUSH peer in ZWS form: flags 0x02 (command), then the command body. */
const pushReady = Uint8Array.from([
  0x02,
  0x05,
  ...encoder.encode('READY'),
  0x0b,
  ...encoder.encode('Socket-Type'),
  0,
  0,
  0,
  4,
  ...encoder.encode('PUSH'),
])

/** A plain ws client speaking ZWS by hand, to send what a zmtp socket never would. */
function rawClient(endpoint: string): Promise<WebSocket> {
  const client = new WebSocket(endpoint, ['ZWS2.0-NULL'])
  client.on('error', () => {})
  opened.push(client)
  return new Promise((resolve) => client.once('open', () => resolve(client)))
}
const opened: WebSocket[] = []

describe('bad input over ws:// closes that connection only', () => {
  const { track, cleanup } = socketTracker()
  afterEach(() => {
    for (const client of opened.splice(0)) client.terminate()
    cleanup()
  })

  async function servingPull(options = {}) {
    const pull = track(new Pull({ transports, ...options }))
    await pull.bind('ws://127.0.0.1:*/robust')
    const push = track(new Push({ transports }))
    push.connect(pull.lastEndpoint!)
    return { pull, push, endpoint: pull.lastEndpoint! }
  }

  async function stillServes(pull: Pull, push: Push) {
    await push.send('still here')
    expect(text(await pull.receive())).toEqual(['still here'])
  }

  it('a text frame during the handshake gets handshake:error:protocol', async () => {
    const { pull, push, endpoint } = await servingPull()
    const failed = nextEvent(pull, 'handshake:error:protocol')
    const client = await rawClient(endpoint)
    client.send('READY')
    expect((await failed).error).toMatchObject({ code: ErrorCode.MalformedFrame })
    await stillServes(pull, push)
  })

  it('a text frame after the handshake gets a disconnect with ERR_MALFORMED_FRAME', async () => {
    const { pull, push, endpoint } = await servingPull()
    const client = await rawClient(endpoint)
    const handshaken = nextEvent(pull, 'handshake')
    client.send(pushReady)
    await handshaken
    const gone = nextEvent(pull, 'disconnect')
    client.send('hello')
    expect((await gone).error).toMatchObject({ code: ErrorCode.MalformedFrame })
    await stillServes(pull, push)
  })

  it('an empty binary message gets handshake:error:protocol', async () => {
    const { pull, push, endpoint } = await servingPull()
    const failed = nextEvent(pull, 'handshake:error:protocol')
    const client = await rawClient(endpoint)
    client.send(new Uint8Array(0))
    expect((await failed).error).toMatchObject({ code: ErrorCode.MalformedFrame })
    await stillServes(pull, push)
  })

  it('a message over maxMessageSize gets a disconnect with ERR_FRAME_TOO_LARGE', async () => {
    const { pull, push, endpoint } = await servingPull({ maxMessageSize: 1024 })
    const client = await rawClient(endpoint)
    const handshaken = nextEvent(pull, 'handshake')
    client.send(pushReady)
    await handshaken
    const gone = nextEvent(pull, 'disconnect')
    client.send(new Uint8Array(1 + 1025))
    expect((await gone).error).toMatchObject({ code: ErrorCode.FrameTooLarge })
    await stillServes(pull, push)
  })

  it('a fragmented message gets a disconnect with ERR_MALFORMED_FRAME', async () => {
    const { pull, push, endpoint } = await servingPull()
    const client = await rawClient(endpoint)
    const handshaken = nextEvent(pull, 'handshake')
    client.send(pushReady)
    await handshaken
    const gone = nextEvent(pull, 'disconnect')
    client.send(Uint8Array.from([0, 0x61]), { fin: false })
    client.send(Uint8Array.from([0x62]), { fin: true })
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

  it('a peer of the wrong socket type is refused and the socket keeps serving', async () => {
    const { pull, push, endpoint } = await servingPull()
    const failed = nextEvent(pull, 'handshake:error:protocol')
    const wrong = track(new Pull({ transports }))
    wrong.connect(endpoint)
    expect((await failed).error).toMatchObject({ code: ErrorCode.SocketTypeMismatch })
    await stillServes(pull, push)
  })
})
