/**
 * Security at the socket level between our own sockets, over tcp and ws: the options choose the
 * mechanism, ZAP handlers (the `zap` option, an Authenticator, a Reply socket at inproc://zeromq.zap.01)
 * decide who gets in, and a misbehaving peer costs only its own connection.
 */
import { encodeMetadata, utf8Decode, z85Decode } from '@zmtp/core'
import { afterEach, describe, expect, it } from 'vitest'
import {
  Authenticator,
  curveKeyPair,
  Dealer,
  ErrorCode,
  Pair,
  Reply,
  Router,
  type SocketEvent,
  ZAP_ENDPOINT,
} from '../../src/index.js'
import { handshakeOutcome, nextEvent, socketTracker, text } from '../helpers.js'
import { byName, TCP, type TransportCase, WS } from '../transport-cases.js'
import { type Abuser, abuser } from './abusers.js'

const server = curveKeyPair()
const client = curveKeyPair()
const clientOptions = {
  curveServerKey: server.publicKey,
  curvePublicKey: client.publicKey,
  curveSecretKey: client.secretKey,
}

describe.each(byName([TCP, WS]))('socket security over %s', (_, t: TransportCase) => {
  const { track, cleanup } = socketTracker()
  const abusers: Abuser[] = []
  afterEach(() => {
    cleanup()
    for (const a of abusers.splice(0)) a.close()
  })

  async function curveRouter(options: ConstructorParameters<typeof Router>[0] = {}) {
    const router = track(
      new Router({ ...t.options, curveServer: true, curveSecretKey: server.secretKey, ...options }),
    )
    await router.bind(t.bindTo())
    return router
  }

  /** Connects a CURVE Dealer that knows the server key but holds a key pair nobody allowed. */
  function connectStranger(router: Router): void {
    const stranger = curveKeyPair()
    const options = {
      ...clientOptions,
      curvePublicKey: stranger.publicKey,
      curveSecretKey: stranger.secretKey,
    }
    track(new Dealer({ ...t.options, ...options })).connect(router.lastEndpoint!)
  }

  /** Connects a CURVE Dealer to `router` and checks a message crosses. */
  async function serves(router: Router): Promise<SocketEvent> {
    const dealer = track(new Dealer({ ...t.options, ...clientOptions }))
    const outcome = handshakeOutcome(router)
    dealer.connect(router.lastEndpoint!)
    await dealer.send(['ping'])
    const [, body] = await router.receive()
    expect(text([body!])).toEqual(['ping'])
    return outcome
  }

  it('a CURVE server without a ZAP handler lets every client with its key in, as libzmq', async () => {
    const router = await curveRouter()
    expect(await serves(router)).toMatchObject({ type: 'handshake', mechanism: 'CURVE' })
  })

  it('a PLAIN server without a ZAP handler refuses every client, as libzmq 4.3', async () => {
    const router = track(new Router({ ...t.options, plainServer: true }))
    await router.bind(t.bindTo())
    const outcome = handshakeOutcome(router)
    track(new Dealer({ ...t.options, plainUsername: 'a', plainPassword: 'b' })).connect(router.lastEndpoint!)
    expect((await outcome).type).toBe('handshake:error:auth')
  })

  it('the zap option sees a ZAP request and its user id and metadata reach the handshake event', async () => {
    const requests: { domain: string; address: string; mechanism: string; key: string }[] = []
    const router = await curveRouter({
      zapDomain: 'shop',
      zap: (request) => {
        requests.push({ ...request, key: utf8Decode(request.credentials[0]!) })
        return { status: '200', userId: 'alice', metadata: [['X-Role', 'admin']] }
      },
    })
    const event = await serves(router)
    expect(event).toMatchObject({ type: 'handshake', mechanism: 'CURVE', userId: 'alice' })
    expect(utf8Decode(event.type === 'handshake' ? event.properties.get('X-Role')! : new Uint8Array())).toBe(
      'admin',
    )
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ domain: 'shop', address: '127.0.0.1', mechanism: 'CURVE' })
  })

  it('an Authenticator refuses an unknown key with handshake:error:auth and keeps serving known ones', async () => {
    const auth = new Authenticator({ curveKeys: [client.publicKey] })
    const router = await curveRouter({ zap: auth.authenticate })
    const outcome = handshakeOutcome(router)
    connectStranger(router)
    const refused = await outcome
    expect(refused.type).toBe('handshake:error:auth')
    expect(refused.error).toMatchObject({ code: ErrorCode.AuthFailed })
    expect(await serves(router)).toMatchObject({ type: 'handshake', userId: client.publicKey })
  })

  it('a Reply socket at inproc://zeromq.zap.01 answers RFC 27 requests for every server socket', async () => {
    const handler = track(new Reply())
    await handler.bind(`inproc://${ZAP_ENDPOINT}`)
    const seen: string[][] = []
    const serving = (async () => {
      for (;;) {
        const request = await handler.receive()
        const [version, id, domain, address, , mechanism, key] = request
        seen.push(text([version!, id!, domain!, address!, mechanism!]))
        const allowed = Buffer.from(key!).equals(curveKeyBytes(client.publicKey))
        await handler.send([
          version!,
          id!,
          allowed ? '200' : '400',
          allowed ? 'OK' : 'no',
          allowed ? 'bob' : '',
          metadataOf('X-Tier', 'gold'),
        ])
      }
    })().catch(() => {})
    const router = await curveRouter({ zapDomain: 'global', routingId: 'srv' })
    const event = await serves(router)
    expect(event).toMatchObject({ type: 'handshake', userId: 'bob' })
    expect(event.type === 'handshake' && utf8Decode(event.properties.get('X-Tier')!)).toBe('gold')
    expect(seen[0]).toEqual(['1.0', expect.any(String), 'global', '127.0.0.1', 'CURVE'])

    const outcome = handshakeOutcome(router)
    connectStranger(router)
    expect((await outcome).type).toBe('handshake:error:auth')
    handler.close()
    await serving
  })

  it('garbage during a CURVE handshake closes only that connection, with a typed error and no secret', async () => {
    const router = await curveRouter()
    const outcome = handshakeOutcome(router)
    const bad = abuser(t, router.lastEndpoint!, 'CURVE')
    abusers.push(bad)
    bad.garbage()
    const event = await outcome
    expect(event.type).toBe('handshake:error:protocol')
    expect(event.error).toMatchObject({ code: ErrorCode.MalformedCommand })
    expect(event.error?.message).not.toContain(server.secretKey)
    await bad.closed
    expect(await serves(router)).toMatchObject({ type: 'handshake' })
  })

  it('a CURVE handshake that does not finish within handshakeInterval is dropped; others still get in', async () => {
    const router = await curveRouter({ handshakeInterval: 300 })
    const outcome = handshakeOutcome(router)
    const slow = abuser(t, router.lastEndpoint!, 'CURVE')
    abusers.push(slow)
    slow.silent()
    const event = await outcome
    expect(event.type).toBe('handshake:error:other')
    await slow.closed
    expect(await serves(router)).toMatchObject({ type: 'handshake' })
  })
})

describe('security options', () => {
  const { track, cleanup } = socketTracker()
  afterEach(cleanup)

  it('are skipped on inproc, as in libzmq: a CURVE server and a NULL peer pair there', async () => {
    const a = track(new Pair({ curveServer: true, curveSecretKey: server.secretKey }))
    const b = track(new Pair())
    const handshake = nextEvent(a, 'handshake')
    await a.bind('inproc://security-skipped')
    b.connect('inproc://security-skipped')
    await handshake
    await b.send('over inproc')
    expect(text(await a.receive())).toEqual(['over inproc'])
  })

  it('are read back as properties, as zeromq.js exposes them', () => {
    const dealer = track(new Dealer({ ...clientOptions, zapDomain: 'x' }))
    expect(dealer.curveServerKey).toBe(server.publicKey)
    expect(dealer.zapDomain).toBe('x')
    expect(dealer.curveServer).toBeUndefined()
  })

  it('fail at construction when they make no mechanism, naming the option and not the key', () => {
    expect(() => new Router({ curveServer: true })).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidArgument }),
    )
    expect(() => new Dealer({ curveServerKey: server.publicKey })).toThrow(/curvePublicKey/)
    const bad = `${client.secretKey.slice(0, 39)}~`
    let message = ''
    try {
      new Dealer({ ...clientOptions, curveSecretKey: bad })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).not.toBe('')
    expect(message).not.toContain(bad)
  })
})

describe('Authenticator', () => {
  const request = (address: string, mechanism: string, credentials: Uint8Array[]) => ({
    domain: '',
    address,
    routingId: new Uint8Array(0),
    mechanism,
    credentials,
  })
  const enc = (s: string) => new TextEncoder().encode(s)

  it('checks addresses against the allow list, or the deny list when there is none', () => {
    const allow = new Authenticator({ allow: ['10.0.0.1'], anyCurveKey: true })
    const key = curveKeyBytes(client.publicKey)
    expect(allow.authenticate(request('10.0.0.1', 'CURVE', [key]))).toMatchObject({ status: '200' })
    expect(allow.authenticate(request('10.0.0.2', 'CURVE', [key]))).toMatchObject({ status: '400' })
    const deny = new Authenticator({ deny: ['10.0.0.2'], anyCurveKey: true })
    expect(deny.authenticate(request('10.0.0.1', 'CURVE', [key]))).toMatchObject({ status: '200' })
    expect(deny.authenticate(request('10.0.0.2', 'CURVE', [key]))).toMatchObject({ status: '400' })
  })

  it('checks PLAIN usernames and passwords', () => {
    const auth = new Authenticator({ plainUsers: { ann: 'pw' } })
    expect(auth.authenticate(request('h', 'PLAIN', [enc('ann'), enc('pw')]))).toMatchObject({
      status: '200',
      userId: 'ann',
    })
    expect(auth.authenticate(request('h', 'PLAIN', [enc('ann'), enc('no')]))).toMatchObject({ status: '400' })
    expect(auth.authenticate(request('h', 'PLAIN', [enc('bob'), enc('pw')]))).toMatchObject({ status: '400' })
  })
})

function curveKeyBytes(key: string): Uint8Array {
  return z85Decode(key)
}

function metadataOf(name: string, value: string): Uint8Array {
  return encodeMetadata([[name, value]])
}
