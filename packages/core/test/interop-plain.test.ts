/**
 * PLAIN (RFC 24) against real libzmq 4.3.4 at the engine level, in both roles: libzmq's ZAP handler (a
 * REP socket at `inproc://zeromq.zap.01` in the peer) decides for libzmq servers, our `authenticate`
 * hook for ours.
 */
import { requireLibzmq } from '@zmtp/test-peers'
import { describe, expect, it } from 'vitest'
import {
  AuthError,
  ErrorCode,
  PeerError,
  PlainMechanism,
  utf8Decode,
  utf8Encode,
  type ZapReply,
  type ZapRequest,
} from '../src/index.js'
import { useLibzmqSession } from './support/libzmq-session.js'

const text = (value: string) => utf8Encode(value)
const empty = () => new Uint8Array(0)

describe.skipIf(requireLibzmq() === 'skip')('PLAIN interop with libzmq', () => {
  const session = useLibzmqSession()

  async function zapHandler(plain: Record<string, string>) {
    await session.peer().startZap({ plain })
    session.defer(() => session.peer().stopZap())
  }

  it('logs in as a client to a libzmq PLAIN server whose ZAP handler accepts, and trades messages', async () => {
    await zapHandler({ admin: 'secret' })
    const router = await session.bound('ROUTER', { PLAIN_SERVER: 1, ZAP_DOMAIN: 'global' })
    const dealer = session.dial(router.port, {
      socketType: 'DEALER',
      routingId: text('plain-dealer'),
      mechanism: new PlainMechanism({ username: 'admin', password: 'secret' }),
    })
    const peer = await dealer.handshake()
    expect(peer).toMatchObject({ mechanism: 'PLAIN', socketType: 'ROUTER' })
    expect(dealer.commands('WELCOME')).toHaveLength(1)
    expect(dealer.commands('READY')).toHaveLength(1)

    dealer.engine.send([empty(), text('hello')])
    expect(await router.socket.receive()).toEqual([text('plain-dealer'), empty(), text('hello')])
    await router.socket.send([text('plain-dealer'), empty(), text('world')])
    expect(await dealer.waitForMessages(1)).toEqual([[empty(), text('world')]])

    const [request] = await session.peer().zapRequests()
    expect(request).toMatchObject({ version: '1.0', domain: 'global', mechanism: 'PLAIN', accepted: true })
    expect(request!.credentials.map(utf8Decode)).toEqual(['admin', 'secret'])
    expect(dealer.errors).toEqual([])
  })

  it('fails with the ERROR a libzmq PLAIN server sends when its ZAP handler refuses the password', async () => {
    await zapHandler({ admin: 'secret' })
    const router = await session.bound('ROUTER', { PLAIN_SERVER: 1 })
    const dealer = session.dial(router.port, {
      socketType: 'DEALER',
      mechanism: new PlainMechanism({ username: 'admin', password: 'wrong' }),
    })
    const error = await dealer.waitForError()
    expect(error).toBeInstanceOf(PeerError)
    expect(error.code).toBe(ErrorCode.PeerError)
    expect((error as PeerError).reason).toBe('400')
    expect(error.message).not.toContain('wrong')
    expect(dealer.peer).toBeNull()
    const failed = await router.socket.waitEvent('HANDSHAKE_FAILED_AUTH')
    expect(failed.value).toBe(400)
  })

  it('plays the client on the accepting side: a libzmq PLAIN server connects to our listener', async () => {
    await zapHandler({ admin: 'secret' })
    const listener = await session.listen({
      socketType: 'PUSH',
      mechanism: new PlainMechanism({ username: 'admin', password: 'secret' }),
    })
    const pull = await session.zmq('PULL', { PLAIN_SERVER: 1 })
    await pull.connect(listener.endpoint)
    const push = await listener.accepted()
    expect(await push.handshake()).toMatchObject({ mechanism: 'PLAIN', socketType: 'PULL' })
    push.engine.send([text('reversed')])
    expect(await pull.receive()).toEqual([text('reversed')])
  })

  it('serves as a PLAIN server: libzmq logs in, our hook sees the ZAP request and names the user', async () => {
    const requests: ZapRequest[] = []
    const listener = await session.listen({
      socketType: 'ROUTER',
      mechanism: new PlainMechanism({
        asServer: true,
        zapDomain: 'test',
        authenticate: async (request): Promise<ZapReply> => {
          requests.push(request)
          const ok =
            utf8Decode(request.credentials[0]!) === 'alice' && utf8Decode(request.credentials[1]!) === 'pw'
          return ok
            ? { status: '200', userId: 'alice@test', metadata: [['X-Role', 'admin']] }
            : { status: '400' }
        },
      }),
    })
    const dealer = await session.zmq('DEALER', {
      ROUTING_ID: 'libzmq-dealer',
      PLAIN_USERNAME: 'alice',
      PLAIN_PASSWORD: 'pw',
    })
    await dealer.connect(listener.endpoint)
    const router = await listener.accepted()
    const peer = await router.handshake()
    expect(peer).toMatchObject({ mechanism: 'PLAIN', socketType: 'DEALER', userId: 'alice@test' })
    expect(utf8Decode(peer.routingId)).toBe('libzmq-dealer')
    expect(utf8Decode(peer.metadata.get('X-Role')!)).toBe('admin')
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ domain: 'test', mechanism: 'PLAIN' })
    await dealer.waitEvent('HANDSHAKE_SUCCEEDED')

    await dealer.send([text('ping')])
    expect(await router.waitForMessages(1)).toEqual([[text('ping')]])
    router.engine.send([text('pong')])
    router.engine.flush()
    expect(await dealer.receive()).toEqual([text('pong')])
    expect(router.errors).toEqual([])
  })

  it('refuses a libzmq PLAIN client its hook rejects with ERROR 400, and fails with an AuthError', async () => {
    const listener = await session.listen({
      socketType: 'ROUTER',
      mechanism: new PlainMechanism({ asServer: true, authenticate: () => ({ status: '400' }) }),
    })
    const dealer = await session.zmq('DEALER', { PLAIN_USERNAME: 'mallory', PLAIN_PASSWORD: 'guess' })
    await dealer.connect(listener.endpoint)
    const router = await listener.accepted()
    const error = await router.waitForError()
    expect(error).toBeInstanceOf(AuthError)
    expect(error.code).toBe(ErrorCode.AuthFailed)
    expect(error.message).not.toContain('guess')
    const [sent] = router.commands('ERROR', 'sent')
    expect(utf8Decode(sent!.data.subarray(1))).toBe('400')
    // libzmq 4.3.4 looks for its own malformed ERROR (`5E 'RROR'`, see decodeCommand), so it takes our
    // well-formed one for an unexpected command; either way it drops the connection.
    const failed = await dealer.waitEvent('HANDSHAKE_FAILED_PROTOCOL')
    expect(failed.detail).toBe('ZMTP_UNEXPECTED_COMMAND')
  })

  it('refuses every libzmq PLAIN client without a hook, as libzmq does without a ZAP handler', async () => {
    const listener = await session.listen({
      socketType: 'PULL',
      mechanism: new PlainMechanism({ asServer: true }),
    })
    const push = await session.zmq('PUSH', { PLAIN_USERNAME: 'anyone', PLAIN_PASSWORD: 'anything' })
    await push.connect(listener.endpoint)
    const pull = await listener.accepted()
    const error = await pull.waitForError()
    expect([error.name, error.code]).toEqual(['AuthError', ErrorCode.AuthFailed])
    expect(pull.commands('ERROR', 'sent')).toEqual([])
  })

  it('is refused by a libzmq PLAIN server without a ZAP handler, which answers nothing', async () => {
    const pull = await session.bound('PULL', { PLAIN_SERVER: 1 })
    const push = session.dial(pull.port, {
      socketType: 'PUSH',
      handshakeInterval: 500,
      mechanism: new PlainMechanism({ username: 'who', password: 'ever' }),
    })
    const failed = await pull.socket.waitEvent('HANDSHAKE_FAILED_NO_DETAIL')
    expect(failed.detail).toBe('EFAULT')
    // libzmq 4.3.4 never answers; it closes the connection or (more often) leaves it open, and then our
    // handshake deadline ends it.
    await push.waitFor(() => push.closed || push.errors.length > 0, { what: 'the connection to end' })
    for (const error of push.errors) expect(error.code).toBe(ErrorCode.HandshakeTimeout)
    expect(push.peer).toBeNull()
    expect(push.received.commands).toEqual([])
  })
})
