/**
 * How a refusal or a broken ZAP exchange shows in the handshake events, as libzmq's monitor reports
 * them: a refused peer gives `handshake:error:auth` with the ZAP status on both sides; a handler at
 * inproc://zeromq.zap.01 that answers something other than a ZAP reply gives `handshake:error:protocol`
 * with the ZAP protocol error's code.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type AuthError, ErrorCode, Pair, Router, ZAP_ENDPOINT } from '../../src/index.js'
import { nextEvent, socketTracker } from '../helpers.js'
import { TCP } from '../transport-cases.js'

type Reply = (request: Uint8Array[]) => (string | Uint8Array)[]

describe('ZAP failures in handshake events', () => {
  const { track, cleanup } = socketTracker()
  afterEach(cleanup)

  /** A Router at inproc://zeromq.zap.01 answering each request with `reply` (routing id prepended). */
  async function zapHandler(reply: Reply): Promise<void> {
    const handler = track(new Router())
    await handler.bind(`inproc://${ZAP_ENDPOINT}`)
    void (async () => {
      for await (const [id, ...request] of handler) await handler.send([id!, ...reply(request)])
    })().catch(() => {})
  }

  /** A PLAIN server and a client with `password`, both Pairs over tcp. */
  async function plainPair(password: string) {
    const server = track(new Pair({ ...TCP.options, plainServer: true, zapDomain: 'test' }))
    const client = track(new Pair({ ...TCP.options, plainUsername: 'user', plainPassword: password }))
    await server.bind(TCP.bindTo())
    return { server, client, endpoint: server.lastEndpoint! }
  }

  /** RFC 27: [delimiter, version, request id, ...] in; the reply with `status` out. */
  const answer =
    (status: string, version = '1.0'): Reply =>
    ([delimiter, , id]) => [delimiter!, version, id!, status, status === '200' ? 'OK' : 'no', '', '']

  it('a refused peer gives handshake:error:auth with the status on both sides', async () => {
    await zapHandler(answer('400'))
    const { server, client, endpoint } = await plainPair('BAD PASS')
    const onServer = nextEvent(server, 'handshake:error:auth')
    const onClient = nextEvent(client, 'handshake:error:auth')
    client.connect(endpoint)
    const [serverSide, clientSide] = await Promise.all([onServer, onClient])
    expect((serverSide.error as AuthError).status).toBe(400)
    expect((clientSide.error as AuthError).status).toBe(400)
    expect(clientSide.address).toBe(endpoint)
  })

  const broken: [string, ErrorCode, Reply][] = [
    ['a reply of another version', ErrorCode.ZapBadVersion, answer('200', '9.9')],
    ['a reply of too few frames', ErrorCode.ZapMalformedReply, ([delimiter]) => [delimiter!, '', '']],
    ['a reply to another request', ErrorCode.ZapBadRequestId, ([d, v]) => [d!, v!, 'x', '200', '', '', '']],
    ['an unknown status code', ErrorCode.ZapInvalidStatusCode, answer('600')],
  ]
  it.each(broken)('%s gives handshake:error:protocol with its ZAP code', async (_, code, reply) => {
    await zapHandler(reply)
    const { server, client, endpoint } = await plainPair('pass')
    const failed = nextEvent(server, 'handshake:error:protocol')
    client.connect(endpoint)
    const event = await failed
    expect(event.address).toBe(endpoint)
    expect(event.error).toMatchObject({ name: 'ProtocolError', code })
  })
})
