/**
 * CURVE (RFC 26) against real libzmq 4.3.4 at the engine level, in both roles. Keys come from libzmq's
 * own `zmq_curve_keypair` and from ours, so each side checks the other's key handling too.
 */
import { requireLibzmq } from '@zmtp/test-peers'
import { describe, expect, it } from 'vitest'
import {
  AuthError,
  CurveMechanism,
  curveKeyPair,
  decodeCommand,
  ErrorCode,
  FrameFlags,
  type Mechanism,
  PeerError,
  utf8Decode,
  utf8Encode,
  type ZapRequest,
  z85Encode,
} from '../src/index.js'
import { expectTopicFiltering, useLibzmqSession } from './support/libzmq-session.js'

const text = (value: string) => utf8Encode(value)
const empty = () => new Uint8Array(0)
const pattern = (length: number, step = 1) => Uint8Array.from({ length }, (_, i) => (i * step) & 0xff)
const MIB16 = 16 * 1024 * 1024

describe.skipIf(requireLibzmq() === 'skip')('CURVE interop with libzmq', () => {
  const session = useLibzmqSession()

  async function zapHandler(curve: string[] | 'any') {
    await session.peer().startZap({ curve })
    session.defer(() => session.peer().stopZap())
  }

  /** A libzmq CURVE client socket (not yet connected) with a key pair libzmq made, trusting `serverKey`. */
  async function libzmqClient(
    type: 'DEALER' | 'SUB',
    serverKey: string,
    options: Record<string, string> = {},
  ) {
    const keys = await session.peer().curveKeyPair()
    const socket = await session.zmq(type, {
      ...options,
      CURVE_SERVERKEY: serverKey,
      CURVE_PUBLICKEY: keys.publicKey,
      CURVE_SECRETKEY: keys.secretKey,
    })
    return { socket, keys }
  }

  /** A libzmq CURVE server bound on an ephemeral port, with a key pair libzmq made. */
  async function libzmqServer(
    type: 'ROUTER' | 'PUB' | 'PULL',
    options: Record<string, string | number> = {},
  ) {
    const keys = await session.peer().curveKeyPair()
    const bound = await session.bound(type, { CURVE_SERVER: 1, CURVE_SECRETKEY: keys.secretKey, ...options })
    return { ...bound, keys }
  }

  it('connects as a client to a libzmq CURVE server whose ZAP handler allows our key, both ways', async () => {
    const client = curveKeyPair()
    await zapHandler([client.publicKey])
    const router = await libzmqServer('ROUTER')
    const dealer = session.dial(router.port, {
      socketType: 'DEALER',
      routingId: text('curve-dealer'),
      mechanism: new CurveMechanism({ ...client, serverKey: router.keys.publicKey }),
    })
    const peer = await dealer.handshake()
    expect(peer).toMatchObject({ mechanism: 'CURVE', socketType: 'ROUTER' })
    expect(dealer.received.commands.map((command) => command.name)).toEqual(['WELCOME', 'READY'])
    await router.socket.waitEvent('HANDSHAKE_SUCCEEDED')

    const message = [empty(), text('hello'), pattern(300, 7)]
    dealer.engine.send(message)
    expect(await router.socket.receive()).toEqual([text('curve-dealer'), ...message])
    await router.socket.send([text('curve-dealer'), empty(), text('world')])
    expect(await dealer.waitForMessages(1)).toEqual([[empty(), text('world')]])

    const [request] = await session.peer().zapRequests()
    expect(request).toMatchObject({ mechanism: 'CURVE', accepted: true })
    expect(z85Encode(request!.credentials[0]!)).toBe(client.publicKey)
    expect(dealer.errors).toEqual([])
  })

  it('fails to connect with a wrong server key: libzmq cannot open HELLO and drops us', async () => {
    const router = await libzmqServer('ROUTER')
    const wrong = curveKeyPair()
    const dealer = session.dial(router.port, {
      socketType: 'DEALER',
      mechanism: new CurveMechanism({ ...curveKeyPair(), serverKey: wrong.publicKey }),
    })
    const failed = await router.socket.waitEvent('HANDSHAKE_FAILED_PROTOCOL')
    expect(failed.detail).toBe('ZMTP_CRYPTOGRAPHIC')
    await dealer.waitForClose()
    expect(dealer.peer).toBeNull()
    expect(dealer.received.commands).toEqual([])
  })

  it('is refused by ZAP when our key is not on the allow list: ERROR 400', async () => {
    await zapHandler([curveKeyPair().publicKey])
    const router = await libzmqServer('ROUTER')
    const dealer = session.dial(router.port, {
      socketType: 'DEALER',
      mechanism: new CurveMechanism({ ...curveKeyPair(), serverKey: router.keys.publicKey }),
    })
    const error = await dealer.waitForError()
    expect(error).toBeInstanceOf(PeerError)
    expect((error as PeerError).reason).toBe('400')
    expect(dealer.peer).toBeNull()
    expect((await router.socket.waitEvent('HANDSHAKE_FAILED_AUTH')).value).toBe(400)
  })

  it('serves as a CURVE server to a libzmq client with libzmq-made keys; our hook names the user', async () => {
    const server = curveKeyPair()
    const { socket: dealer, keys: clientKeys } = await libzmqClient('DEALER', server.publicKey, {
      ROUTING_ID: 'libzmq-curve',
    })
    const requests: ZapRequest[] = []
    const listener = await session.listen({
      socketType: 'ROUTER',
      mechanism: new CurveMechanism({
        asServer: true,
        secretKey: server.secretKey,
        authenticate: (request) => {
          requests.push(request)
          const known = z85Encode(request.credentials[0]!) === clientKeys.publicKey
          return known ? { status: '200', userId: 'known-client' } : { status: '400' }
        },
      }),
    })
    await dealer.connect(listener.endpoint)
    const router = await listener.accepted()
    const peer = await router.handshake()
    expect(peer).toMatchObject({ mechanism: 'CURVE', socketType: 'DEALER', userId: 'known-client' })
    expect(utf8Decode(peer.routingId)).toBe('libzmq-curve')
    expect(requests.map((request) => request.mechanism)).toEqual(['CURVE'])
    await dealer.waitEvent('HANDSHAKE_SUCCEEDED')

    await dealer.send([text('a'), empty(), pattern(1000, 3)])
    expect(await router.waitForMessages(1)).toEqual([[text('a'), empty(), pattern(1000, 3)]])
    router.engine.send([text('b'), text('c')])
    expect(await dealer.receive()).toEqual([text('b'), text('c')])
    expect(router.errors).toEqual([])
  })

  it('fails a libzmq client that uses a wrong server key with ERR_DECRYPT_FAILED', async () => {
    const listener = await session.listen({
      socketType: 'ROUTER',
      mechanism: new CurveMechanism({ asServer: true, secretKey: curveKeyPair().secretKey }),
    })
    const { socket: dealer } = await libzmqClient('DEALER', curveKeyPair().publicKey)
    await dealer.connect(listener.endpoint)
    const router = await listener.accepted()
    const error = await router.waitForError()
    expect(error.code).toBe(ErrorCode.DecryptFailed)
    expect(router.commands('WELCOME', 'sent')).toEqual([])
  })

  it('refuses a libzmq client whose key our hook does not know, with ERROR 400', async () => {
    const server = curveKeyPair()
    const listener = await session.listen({
      socketType: 'ROUTER',
      mechanism: new CurveMechanism({
        asServer: true,
        secretKey: server.secretKey,
        authenticate: () => ({ status: '400' }),
      }),
    })
    const { socket: dealer, keys: clientKeys } = await libzmqClient('DEALER', server.publicKey)
    await dealer.connect(listener.endpoint)
    const router = await listener.accepted()
    const error = await router.waitForError()
    expect(error).toBeInstanceOf(AuthError)
    expect(error.code).toBe(ErrorCode.AuthFailed)
    expect(error.message).not.toContain(clientKeys.publicKey)
    expect(router.commands('ERROR', 'sent')).toHaveLength(1)
    // libzmq's CURVE client reads a well-formed ERROR (its PLAIN client does not, see interop-plain).
    expect((await dealer.waitEvent('HANDSHAKE_FAILED_AUTH')).value).toBe(400)
  })

  it('plays the client on the accepting side: a libzmq CURVE server connects to our listener', async () => {
    const serverKeys = await session.peer().curveKeyPair()
    const listener = await session.listen({
      socketType: 'DEALER',
      routingId: text('accepting-client'),
      mechanism: new CurveMechanism({ ...curveKeyPair(), serverKey: serverKeys.publicKey }),
    })
    const router = await session.zmq('ROUTER', { CURVE_SERVER: 1, CURVE_SECRETKEY: serverKeys.secretKey })
    await router.connect(listener.endpoint)
    const dealer = await listener.accepted()
    expect(await dealer.handshake()).toMatchObject({ mechanism: 'CURVE', socketType: 'ROUTER' })
    expect(dealer.sent.commands.map((command) => command.name)).toEqual(['HELLO', 'INITIATE'])
    dealer.engine.send([text('from the listener')])
    expect(await router.receive()).toEqual([text('accepting-client'), text('from the listener')])
  })

  it('moves a 16 MiB message each way under CURVE', async () => {
    const client = curveKeyPair()
    const router = await libzmqServer('ROUTER', { MAXMSGSIZE: -1 })
    const dealer = session.dial(router.port, {
      socketType: 'DEALER',
      routingId: text('big'),
      mechanism: new CurveMechanism({ ...client, serverKey: router.keys.publicKey }),
    })
    await dealer.handshake()
    const big = pattern(MIB16, 31)
    dealer.engine.send([big])
    const [identity, received] = await router.socket.receive({ timeout: 30_000 })
    expect(utf8Decode(identity!)).toBe('big')
    expect(received!.length).toBe(MIB16)
    expect(received!.every((byte, i) => byte === big[i])).toBe(true)

    const back = pattern(MIB16, 17)
    await router.socket.send([text('big'), back], { timeout: 30_000 })
    const [[reply]] = (await dealer.waitForMessages(1, { timeout: 30_000 })) as [[Uint8Array]]
    expect(reply.length).toBe(MIB16)
    expect(reply.every((byte, i) => byte === back[i])).toBe(true)
    expect(dealer.errors).toEqual([])
  }, 60_000)

  it('subscribes as SUB to a libzmq CURVE PUB: the encrypted SUBSCRIBE filters what arrives', async () => {
    const pub = await libzmqServer('PUB')
    const sub = session.dial(pub.port, {
      socketType: 'SUB',
      mechanism: new CurveMechanism({ ...curveKeyPair(), serverKey: pub.keys.publicKey }),
    })
    await sub.handshake()
    sub.engine.sendSubscription(true, text('A'))
    // The SUBSCRIBE travels inside a MESSAGE: nothing on the wire says SUBSCRIBE.
    expect(sub.commands('SUBSCRIBE', 'sent')).toEqual([])

    const topics = await expectTopicFiltering(pub.socket, sub)
    expect(topics.every((topic) => topic.startsWith('A'))).toBe(true)
    expect(sub.errors).toEqual([])
  })

  it('receives the encrypted SUBSCRIBE of a libzmq SUB connected to our CURVE PUB', async () => {
    const server = curveKeyPair()
    const listener = await session.listen({
      socketType: 'PUB',
      mechanism: new CurveMechanism({ asServer: true, secretKey: server.secretKey }),
    })
    const { socket: libzmqSub } = await libzmqClient('SUB', server.publicKey)
    await libzmqSub.connect(listener.endpoint)
    await libzmqSub.setOption('SUBSCRIBE', 'news')
    const pub = await listener.accepted()
    await pub.handshake()
    await pub.waitFor(() => pub.subscriptions.length >= 1)
    expect(pub.subscriptions).toEqual([[true, 'news']])
    expect(pub.commands('SUBSCRIBE')).toEqual([])
    pub.engine.send([text('news'), text('today')])
    expect(await libzmqSub.receive()).toEqual([text('news'), text('today')])
  })

  it("answers libzmq's heartbeat PINGs under CURVE and gets PONGs for its own, all encrypted", async () => {
    const router = await libzmqServer('ROUTER', { HEARTBEAT_IVL: 100, HEARTBEAT_TIMEOUT: 300 })
    const opened: string[] = []
    const dealer = session.dial(router.port, {
      socketType: 'DEALER',
      routingId: text('hb'),
      heartbeatInterval: 100,
      heartbeatTimeout: 300,
      mechanism: recordingOpened(
        new CurveMechanism({ ...curveKeyPair(), serverKey: router.keys.publicKey }),
        opened,
      ),
    })
    await dealer.handshake()
    await router.socket.waitEvent('HANDSHAKE_SUCCEEDED')
    // Eight of libzmq's PINGs span well over its 300 ms timeout: had our encrypted PONGs not counted,
    // libzmq would have dropped us before the fourth. Its PONGs answer ours.
    await dealer.waitFor(() => opened.filter((name) => name === 'PING').length >= 8, { timeout: 10_000 })
    expect(opened).toContain('PONG')
    // None of it was readable on the wire.
    expect(dealer.received.commands.map((command) => command.name)).toEqual(['WELCOME', 'READY'])
    expect(dealer.sent.commands.map((command) => command.name)).toEqual(['HELLO', 'INITIATE'])
    expect((await router.socket.events()).map((event) => event.event)).not.toContain('DISCONNECTED')
    dealer.engine.send([text('still here')])
    expect(await router.socket.receive()).toEqual([text('hb'), text('still here')])
    expect(dealer.errors).toEqual([])
  })
})

/** Wraps a mechanism so that the name of every command its connections open is recorded in `names`. */
function recordingOpened(mechanism: Mechanism, names: string[]): Mechanism {
  return {
    name: mechanism.name,
    asServer: mechanism.asServer,
    create(context) {
      const handshake = mechanism.create(context)
      return {
        start: () => handshake.start(),
        receive: (command) => handshake.receive(command),
        wrap: (flags, body) => handshake.wrap!(flags, body),
        unwrap: (flags, body) => {
          const opened = handshake.unwrap!(flags, body)
          if (opened[0] & FrameFlags.Command) names.push(decodeCommand(opened[1]).name)
          return opened
        },
      }
    },
  }
}
