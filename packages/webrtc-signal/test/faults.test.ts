import { ErrorCode } from '@zmtp/core'
import { type ConnectDelayEvent, Pull, Push } from '@zmtp/patterns'
import { webrtc } from '@zmtp/transport-webrtc'
import { afterEach, expect, it } from 'vitest'
import { signalingFixture } from './support.js'

type Fixture = Awaited<ReturnType<typeof signalingFixture>>
let fixture: Fixture
const sockets: { close(): void }[] = []
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close()
  fixture.close()
})

const text = (frames: Uint8Array[]) => frames.map((frame) => new TextDecoder().decode(frame))

it('a peer that vanishes mid-ICE: the connect times out, retries with backoff, and reports connect:delay', async () => {
  fixture = await signalingFixture()
  // The ghost announced its id and then went silent: offers reach it and are never answered.
  const ghost = fixture.client()
  const offers: string[] = []
  const gone = await ghost.announce('ghost', (signal) => offers.push(signal.kind))
  const push = new Push({
    transports: [fixture.transport(fixture.client(), { connectTimeout: 300 })],
    reconnectInterval: 50,
    reconnectMaxInterval: 400,
    linger: 0,
  })
  sockets.push(push)
  const delays: ConnectDelayEvent[] = []
  const twoDelays = new Promise<void>((resolve) =>
    push.events.on('connect:delay', (event) => {
      delays.push(event)
      if (delays.length === 2) resolve()
    }),
  )
  push.connect('webrtc://ghost')
  await twoDelays
  expect(offers).toContain('offer')
  for (const delay of delays) {
    expect(delay.address).toBe('webrtc://ghost')
    expect(delay.error).toMatchObject({ code: ErrorCode.HandshakeTimeout })
  }
  expect(delays[1]!.interval).toBeGreaterThan(delays[0]!.interval)

  // The peer comes back under its id: the next retry reaches it.
  await gone.close()
  const pull = new Pull({ transports: [fixture.transport(fixture.client())], linger: 0 })
  sockets.push(pull)
  await pull.bind('webrtc://ghost')
  await push.send('found you')
  expect(text(await pull.receive())).toEqual(['found you'])
})

/** A ZMTP 3.1 NULL greeting and a READY for a PUSH socket, as a raw peer sends them. */
function pushHandshake(): Uint8Array {
  const greeting = new Uint8Array(64)
  greeting[0] = 0xff
  greeting[9] = 0x7f
  greeting[10] = 3
  greeting[11] = 1
  greeting.set(new TextEncoder().encode('NULL'), 12)
  const body = [5, ...new TextEncoder().encode('READY'), 11, ...new TextEncoder().encode('Socket-Type')]
  const ready = [0x04, body.length + 8, ...body, 0, 0, 0, 4, ...new TextEncoder().encode('PUSH')]
  return new Uint8Array([...greeting, ...ready])
}

it('a data channel closed in the middle of a frame drops that connection only; the socket keeps serving', async () => {
  fixture = await signalingFixture()
  const pull = new Pull({ transports: [fixture.transport(fixture.client())], linger: 0 })
  sockets.push(pull)
  await pull.bind('webrtc://sink')
  const disconnected = new Promise((resolve) => pull.events.on('disconnect', resolve))

  // A raw connection: handshake, then 10 of the 100 octets a frame announces, then the channel closes.
  const transport = fixture.transport(fixture.client())
  const raw = await transport.dial(transport.parse('webrtc://sink', 'connect'), { mechanism: 'NULL' })
  raw.write(pushHandshake())
  raw.write(new Uint8Array([0x00, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
  raw.close()
  await disconnected

  const push = new Push({ transports: [fixture.transport(fixture.client())], linger: 0 })
  sockets.push(push)
  push.connect('webrtc://sink')
  await push.send('whole')
  expect(text(await pull.receive())).toEqual(['whole'])
})

it('heartbeats are on by default over WebRTC: a peer that stops answering PINGs is dropped', async () => {
  fixture = await signalingFixture()
  // No heartbeat option on the socket: the transport asks for them (here every 100 ms, to keep it short).
  const pull = new Pull({
    transports: [webrtc({ signaling: fixture.client(), heartbeatInterval: 100 })],
    linger: 0,
  })
  sockets.push(pull)
  await pull.bind('webrtc://watched')
  const disconnected = new Promise<{ error?: Error }>((resolve) => pull.events.on('disconnect', resolve))
  // A raw peer that completes the handshake and then never answers anything, as a frozen tab would.
  const transport = fixture.transport(fixture.client())
  const raw = await transport.dial(transport.parse('webrtc://watched', 'connect'), { mechanism: 'NULL' })
  raw.write(pushHandshake())
  const { error } = await disconnected
  expect(error).toMatchObject({ code: ErrorCode.HeartbeatTimeout })
  raw.destroy()
})
