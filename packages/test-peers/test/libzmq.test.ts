import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  LibzmqError,
  type LibzmqPeer,
  LibzmqSocket,
  PeerExitedError,
  PeerUnavailableError,
  peerMode,
  requireLibzmq,
  requirePeer,
  startLibzmq,
} from '../src/index.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('peerMode', () => {
  it('requires peers only on CI', () => {
    expect(peerMode({ CI: 'true' })).toBe('required')
    expect(peerMode({ CI: '1' })).toBe('required')
    expect(peerMode({ CI: 'false' })).toBe('optional')
    expect(peerMode({})).toBe('optional')
  })

  it('fails a missing peer on CI and skips it elsewhere', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      vi.stubEnv('CI', 'true')
      expect(() => requirePeer('example', false)).toThrow(PeerUnavailableError)
      expect(requirePeer('example', true)).toBe('run')
      vi.stubEnv('CI', '')
      expect(requirePeer('example', false)).toBe('skip')
    } finally {
      vi.unstubAllEnvs()
      vi.restoreAllMocks()
    }
  })
})

describe('startLibzmq', () => {
  it('rejects clearly when the interpreter is missing', async () => {
    await expect(startLibzmq({ python: '/nonexistent/python3' })).rejects.toThrow(PeerUnavailableError)
    await expect(startLibzmq({ python: '/nonexistent/python3' })).rejects.toThrow(
      'libzmq peer unavailable: install python3-zmq (Debian)',
    )
  })
})

describe.skipIf(requireLibzmq() === 'skip')('libzmq peer', () => {
  let peer: LibzmqPeer

  beforeEach(async () => {
    peer = await startLibzmq()
  })

  afterEach(async () => {
    await peer.kill()
  })

  /** Two connected sockets in the same peer, over real TCP. */
  async function pair(bindType: 'PULL' | 'ROUTER', connectType: 'PUSH' | 'DEALER') {
    const bound = await peer.socket(bindType)
    const endpoint = await bound.bind('tcp://127.0.0.1:*')
    const connected = await peer.socket(connectType)
    return { bound, connected, endpoint }
  }

  it('reports the library versions', () => {
    expect(peer.versions.zmq).toMatch(/^4\./)
    expect(peer.pid).toBeGreaterThan(0)
  })

  it('binds to a real port', async () => {
    const socket = await peer.socket('PULL')
    const endpoint = await socket.bind('tcp://127.0.0.1:*')
    expect(endpoint).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/)
    expect(endpoint).not.toMatch(/:0$/)
    expect(await socket.getOption('LAST_ENDPOINT')).toBe(endpoint)
  })

  it('moves multipart messages with empty and binary frames over PUSH/PULL', async () => {
    const { bound, connected, endpoint } = await pair('PULL', 'PUSH')
    await connected.connect(endpoint)
    const binary = Uint8Array.from({ length: 256 }, (_, i) => i)
    await connected.send(['head', new Uint8Array(0), binary])
    const frames = await bound.receive()
    expect(frames).toEqual([bytes('head'), new Uint8Array(0), binary])
  })

  it('routes by ROUTING_ID over ROUTER/DEALER', async () => {
    const { bound: router, connected: dealer, endpoint } = await pair('ROUTER', 'DEALER')
    await dealer.setOption('ROUTING_ID', 'dealer-1')
    expect(await dealer.getOption('ROUTING_ID')).toEqual(bytes('dealer-1'))
    await dealer.connect(endpoint)
    await dealer.send(['ping'])
    expect(await router.receive()).toEqual([bytes('dealer-1'), bytes('ping')])
    await router.send(['dealer-1', 'pong'])
    expect(await dealer.receive()).toEqual([bytes('pong')])
  })

  it('authenticates PLAIN and CURVE peers through its ZAP handler and records the requests', async () => {
    await peer.startZap({ plain: { admin: 'secret' }, curve: [] })
    // Mechanism options count at bind and connect time: set them first.
    const bound = await peer.socket('PULL')
    await bound.setOption('PLAIN_SERVER', 1)
    const endpoint = await bound.bind('tcp://127.0.0.1:*')
    const connected = await peer.socket('PUSH')
    await connected.setOption('PLAIN_USERNAME', 'admin')
    await connected.setOption('PLAIN_PASSWORD', 'secret')
    await connected.connect(endpoint)
    await connected.send(['in'])
    expect(await bound.receive()).toEqual([bytes('in')])

    const keys = await peer.curveKeyPair()
    expect(keys.publicKey).toHaveLength(40)
    const server = await peer.socket('PULL')
    await server.setOption('CURVE_SERVER', 1)
    await server.setOption('CURVE_SECRETKEY', keys.secretKey)
    await server.monitor()
    const curveEndpoint = await server.bind('tcp://127.0.0.1:*')
    const client = await peer.socket('PUSH')
    const clientKeys = await peer.curveKeyPair()
    await client.setOption('CURVE_SERVERKEY', keys.publicKey)
    await client.setOption('CURVE_PUBLICKEY', clientKeys.publicKey)
    await client.setOption('CURVE_SECRETKEY', clientKeys.secretKey)
    await client.connect(curveEndpoint)
    // The allow list is empty: the CURVE client is refused.
    expect((await server.waitEvent('HANDSHAKE_FAILED_AUTH')).value).toBe(400)

    const requests = await peer.zapRequests()
    expect(requests.map((request) => [request.mechanism, request.accepted])).toEqual([
      ['PLAIN', true],
      ['CURVE', false],
    ])
    expect(new TextDecoder().decode(requests[0]!.credentials[1])).toBe('secret')
    expect(requests[1]!.credentials[0]).toHaveLength(32)
    await peer.stopZap()
  })

  it('serves a receive parked on one socket while other requests proceed', async () => {
    const { bound, connected, endpoint } = await pair('PULL', 'PUSH')
    const received = bound.receive()
    await connected.connect(endpoint)
    await connected.send(['late'])
    expect(await received).toEqual([bytes('late')])
  })

  it('times out a receive with EAGAIN', async () => {
    const socket = await peer.socket('PULL')
    const error = await socket.receive({ timeout: 100 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LibzmqError)
    expect((error as LibzmqError).errno).toBe('EAGAIN')
  })

  it('times out a send with EAGAIN when no peer can take it', async () => {
    const push = await peer.socket('PUSH')
    const started = Date.now()
    await expect(push.send(['x'], { timeout: 150 })).rejects.toMatchObject({ errno: 'EAGAIN' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('reports libzmq errno names', async () => {
    const router = await peer.socket('ROUTER')
    await router.setOption('ROUTER_MANDATORY', 1)
    await expect(router.send(['nobody', 'x'])).rejects.toMatchObject({ errno: 'EHOSTUNREACH' })
    const req = await peer.socket('REQ')
    await expect(req.receive({ timeout: 0 })).rejects.toMatchObject({ errno: 'EFSM' })
    await expect(req.setOption('NOT_AN_OPTION', 1)).rejects.toMatchObject({ errno: 'EINVAL' })
  })

  it('records monitor events', async () => {
    const { bound, connected, endpoint } = await pair('PULL', 'PUSH')
    await connected.monitor()
    await bound.monitor()
    await connected.connect(endpoint)
    const handshake = await connected.waitEvent('HANDSHAKE_SUCCEEDED')
    expect(handshake.endpoint).toBe(endpoint)
    expect(await bound.waitEvent('ACCEPTED')).toMatchObject({ event: 'ACCEPTED' })
    const names = (await connected.events()).map((event) => event.event)
    expect(names).toContain('CONNECTED')
    expect(await connected.events()).toEqual([])
    await expect(connected.waitEvent('DISCONNECTED', { timeout: 50 })).rejects.toMatchObject({
      errno: 'EAGAIN',
    })
  })

  it('rejects pending requests and ends the process on kill()', async () => {
    const socket = await peer.socket('PULL')
    const rejected = expect(socket.receive({ timeout: 10_000 })).rejects.toThrow(PeerExitedError)
    await peer.kill()
    await rejected
    expect(peer.alive).toBe(false)
    expect((await peer.exited).signal).toBe('SIGKILL')
    expect(() => process.kill(peer.pid, 0)).toThrow()
    await expect(peer.socket('PUSH')).rejects.toThrow(PeerExitedError)
  })

  it('exits cleanly on stop()', async () => {
    const socket = await peer.socket('PUSH')
    await socket.connect('tcp://127.0.0.1:1')
    await peer.stop()
    expect(await peer.exited).toEqual({ code: 0, signal: null })
  })

  it('closes sockets and fails their parked requests', async () => {
    const socket = await peer.socket('PULL')
    expect(socket).toBeInstanceOf(LibzmqSocket)
    const rejected = expect(socket.receive({ timeout: 10_000 })).rejects.toMatchObject({ errno: 'ENOTSOCK' })
    await socket.close()
    await rejected
    await expect(socket.bind('tcp://127.0.0.1:*')).rejects.toMatchObject({ errno: 'ENOTSOCK' })
  })
})
