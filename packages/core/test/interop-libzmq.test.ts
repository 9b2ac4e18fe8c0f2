/**
 * The protocol engine on the wire against real libzmq (4.3.4 through Debian's pyzmq), over plain
 * `node:net` sockets on 127.0.0.1. No zmtp transport or pattern code is involved: these tests pin the
 * engine itself to the reference implementation's handshake, framing, heartbeats and subscriptions.
 */
import type { LibzmqSocket } from '@zmtp/test-peers'
import { requireLibzmq } from '@zmtp/test-peers'
import { describe, expect, it } from 'vitest'
import { decodePing, ErrorCode, utf8Decode, utf8Encode } from '../src/index.js'
import { expectTopicFiltering, useLibzmqSession } from './support/libzmq-session.js'

const text = (value: string) => utf8Encode(value)
const empty = () => new Uint8Array(0)
const pattern = (length: number, step = 1) => Uint8Array.from({ length }, (_, i) => (i * step) & 0xff)

describe.skipIf(requireLibzmq() === 'skip')('engine interop with libzmq over node:net', () => {
  const { zmq, bound, dial, listen } = useLibzmqSession()

  async function eventNames(socket: LibzmqSocket): Promise<string[]> {
    return (await socket.events()).map((event) => event.event)
  }

  it('runs a NULL handshake as DEALER with a ROUTER and exchanges multipart messages both ways', async () => {
    const router = await bound('ROUTER')
    const dealer = dial(router.port, { socketType: 'DEALER', routingId: text('ts-dealer') })

    const info = await dealer.handshake()
    expect(info.socketType).toBe('ROUTER')
    expect(info.mechanism).toBe('NULL')
    expect(info.minor).toBe(1)
    // libzmq's ROUTER announces its (unset, so empty) routing id as Identity.
    expect(new Uint8Array(info.routingId)).toEqual(empty())
    await router.socket.waitEvent('HANDSHAKE_SUCCEEDED')

    const binary = pattern(256)
    const long = pattern(300, 7) // past 255 octets: a long frame header
    dealer.engine.send([empty(), text('hello'), binary, long])
    // The ROUTER prefixes the Identity we announced in READY.
    expect(await router.socket.receive()).toEqual([text('ts-dealer'), empty(), text('hello'), binary, long])

    // Large enough to reach us in several TCP chunks, so the decoder reassembles across them.
    const reply = [empty(), text('world'), pattern(100_000, 3), empty()]
    await router.socket.send([text('ts-dealer'), ...reply])
    expect(await dealer.waitForMessages(1)).toEqual([reply])
    expect(dealer.errors).toEqual([])
  })

  it('receives as PULL from a libzmq PUSH that connects to our listener, empty frame kept', async () => {
    const listener = await listen({ socketType: 'PULL' })
    const push = await zmq('PUSH')
    await push.connect(listener.endpoint)
    const pull = await listener.accepted()
    expect((await pull.handshake()).socketType).toBe('PUSH')

    const message = [text('first'), empty(), text('last')]
    await push.send(message)
    const [received] = await pull.waitForMessages(1)
    expect(received).toHaveLength(3)
    expect(received).toEqual(message)
    expect(pull.errors).toEqual([])
  })

  it('sends as PUSH to a libzmq PULL', async () => {
    const pull = await bound('PULL')
    const push = dial(pull.port, { socketType: 'PUSH' })
    expect((await push.handshake()).socketType).toBe('PULL')

    const message = [text('alpha'), empty(), pattern(70_000, 5), text('omega')]
    push.engine.send(message)
    expect(await pull.socket.receive()).toEqual(message)
    expect(push.errors).toEqual([])
  })

  it('gets a PONG echoing the context of its PING', async () => {
    const router = await bound('ROUTER')
    const dealer = dial(router.port, { socketType: 'DEALER' })
    await dealer.handshake()

    dealer.engine.ping(text('LOL'))
    const [ping] = await dealer.waitForCommands('PING', 1, 'sent')
    expect(decodePing(ping!.data)).toEqual({ ttl: 0, context: text('LOL') })
    const [pong] = await dealer.waitForCommands('PONG', 1)
    expect(utf8Decode(pong!.data)).toBe('LOL')
    expect(dealer.errors).toEqual([])
  })

  it("answers libzmq's heartbeat PINGs, so libzmq's heartbeat timeout never drops us", async () => {
    const router = await bound('ROUTER', { HEARTBEAT_IVL: 100, HEARTBEAT_TIMEOUT: 300 })
    const dealer = dial(router.port, { socketType: 'DEALER', routingId: text('hb') })
    await dealer.handshake()
    await router.socket.waitEvent('HANDSHAKE_SUCCEEDED')

    // Eight PINGs span well over libzmq's 300 ms timeout: had our PONGs not counted, libzmq would have
    // closed the connection before the fourth.
    const pings = await dealer.waitForCommands('PING', 8)
    // HEARTBEAT_TTL is unset, so libzmq announces no TTL.
    for (const ping of pings) expect(decodePing(ping.data).ttl).toBe(0)
    await dealer.waitForCommands('PONG', 8, 'sent')

    expect(await eventNames(router.socket)).not.toContain('DISCONNECTED')
    expect(dealer.closed).toBe(false)
    dealer.engine.send([text('still here')])
    expect(await router.socket.receive()).toEqual([text('hb'), text('still here')])
    await router.socket.send([text('hb'), text('so am I')])
    expect(await dealer.waitForMessages(1)).toEqual([[text('so am I')]])
    expect(dealer.errors).toEqual([])
  })

  it('keeps its own heartbeat alive: libzmq answers every PING with a PONG', async () => {
    const router = await bound('ROUTER')
    const dealer = dial(router.port, {
      socketType: 'DEALER',
      routingId: text('hb2'),
      heartbeatInterval: 100,
      heartbeatTimeout: 300,
    })
    await dealer.handshake()

    await dealer.waitForCommands('PONG', 6)
    expect(dealer.commands('PING', 'sent').length).toBeGreaterThanOrEqual(6)
    expect(dealer.errors).toEqual([])
    expect(dealer.closed).toBe(false)
    expect(await eventNames(router.socket)).not.toContain('DISCONNECTED')

    dealer.engine.send([text('after heartbeats')])
    expect(await router.socket.receive()).toEqual([text('hb2'), text('after heartbeats')])
  })

  it('rejects a PUSH peer as PUSH; libzmq drops the connection without a handshake event', async () => {
    const libzmqPush = await bound('PUSH')
    const ours = dial(libzmqPush.port, { socketType: 'PUSH' })

    const error = await ours.waitForError()
    expect(error.code).toBe(ErrorCode.SocketTypeMismatch)
    expect(ours.peer).toBeNull()
    await ours.waitForClose()
    // libzmq 4.3.4 sends no ERROR command: its READY is all we got.
    expect(ours.received.commands.map((command) => command.name)).toEqual(['READY'])

    // libzmq rejects our READY's Socket-Type too, but 4.3.4 reports no HANDSHAKE_FAILED_* event for it
    // (its parse_metadata failure is a protocol error it never signals): the connection just ends.
    await libzmqPush.socket.waitEvent('DISCONNECTED')
    const events = await eventNames(libzmqPush.socket)
    expect(events).toContain('ACCEPTED')
    expect(events.filter((name) => name.startsWith('HANDSHAKE_'))).toEqual([])
  })

  it('sends SUBSCRIBE as SUB to a libzmq PUB, which then filters by topic', async () => {
    const pub = await bound('PUB')
    const sub = dial(pub.port, { socketType: 'SUB' })
    expect((await sub.handshake()).socketType).toBe('PUB')

    sub.engine.sendSubscription(true, text('A'))
    // libzmq 4.3 speaks ZMTP 3.1, so the subscription goes out as a SUBSCRIBE command.
    const [subscribe] = await sub.waitForCommands('SUBSCRIBE', 1, 'sent')
    expect(utf8Decode(subscribe!.data)).toBe('A')

    const topics = await expectTopicFiltering(pub.socket, sub)
    expect(topics.every((topic) => topic.startsWith('A'))).toBe(true)
    expect(sub.errors).toEqual([])
  })

  it('reports SUBSCRIBE and CANCEL commands from a libzmq SUB connected to our PUB', async () => {
    const listener = await listen({ socketType: 'PUB' })
    const libzmqSub = await zmq('SUB')
    await libzmqSub.connect(listener.endpoint)
    await libzmqSub.setOption('SUBSCRIBE', 'A')
    const pub = await listener.accepted()
    expect((await pub.handshake()).minor).toBe(1)

    await pub.waitFor(() => pub.subscriptions.length >= 1)
    expect(pub.subscriptions).toEqual([[true, 'A']])
    expect(pub.commands('SUBSCRIBE').map((command) => utf8Decode(command.data))).toEqual(['A'])

    pub.engine.send([text('A-topic'), text('payload')])
    expect(await libzmqSub.receive()).toEqual([text('A-topic'), text('payload')])

    await libzmqSub.setOption('UNSUBSCRIBE', 'A')
    await pub.waitFor(() => pub.subscriptions.length >= 2)
    expect(pub.subscriptions).toEqual([
      [true, 'A'],
      [false, 'A'],
    ])
    expect(pub.commands('CANCEL').map((command) => utf8Decode(command.data))).toEqual(['A'])
    expect(pub.errors).toEqual([])
  })

  it('fails with ERR_FRAME_TOO_LARGE on a frame over maxMessageSize, without throwing', async () => {
    const push = await bound('PUSH')
    const pull = dial(push.port, { socketType: 'PULL', maxMessageSize: 1000 })
    await pull.handshake()

    // Exactly the limit still passes; one octet more ends the connection.
    await push.socket.send([pattern(1000)])
    expect(await pull.waitForMessages(1)).toEqual([[pattern(1000)]])
    await push.socket.send([pattern(1001)])

    const error = await pull.waitForError()
    expect(error.code).toBe(ErrorCode.FrameTooLarge)
    expect(pull.errors).toHaveLength(1)
    expect(pull.messages).toHaveLength(1)
    await pull.waitForClose()
    // libzmq sees us hang up.
    await push.socket.waitEvent('DISCONNECTED')
  })
})
