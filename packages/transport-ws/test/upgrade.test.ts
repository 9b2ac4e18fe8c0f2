import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { closeAll, type Harness, listen } from './support/harness.js'
import { rawExchange, rawUpgrade } from './support/raw-http.js'

const harnesses: Harness[] = []
const sockets: { destroy(): void }[] = []

async function server(...args: Parameters<typeof listen>): Promise<Harness> {
  const harness = await listen(...args)
  harnesses.push(harness)
  return harness
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await closeAll(harnesses.splice(0))
})

describe('the HTTP upgrade of a ws:// listener', () => {
  it('answers a libzmq client with the exact RFC 45 name it offered', async () => {
    const { port, nextConnection } = await server()
    const accepted = nextConnection()
    const response = await rawUpgrade(port, '/zmq', { 'Sec-WebSocket-Protocol': 'ZWS2.0/NULL,ZWS2.0' })
    sockets.push(response!.socket)
    expect(response!.status).toBe('HTTP/1.1 101 Switching Protocols')
    expect(response!.headers['sec-websocket-protocol']).toBe('ZWS2.0/NULL')
    expect(response!.headers['sec-websocket-accept']).toBe(response!.expectedAccept)
    // libzmq's client wants the single token "upgrade" here.
    expect(response!.headers.connection!.toLowerCase()).toBe('upgrade')
    const connection = await accepted
    expect(connection.kind).toBe('message')
    expect(connection.kind === 'message' && connection.subprotocol).toBe('ZWS2.0/NULL')
  })

  it('accepts our alias and the legacy name', async () => {
    const { port } = await server()
    const alias = await rawUpgrade(port, '/zmq', { 'Sec-WebSocket-Protocol': 'ZWS2.0-NULL, ZWS2.0' })
    const legacy = await rawUpgrade(port, '/zmq', { 'Sec-WebSocket-Protocol': 'ZWS2.0' })
    sockets.push(alias!.socket, legacy!.socket)
    expect(alias!.headers['sec-websocket-protocol']).toBe('ZWS2.0-NULL')
    expect(legacy!.headers['sec-websocket-protocol']).toBe('ZWS2.0')
  })

  it('refuses with 400 and an ERR_BAD_UPGRADE event when no subprotocol fits', async () => {
    const { port, nextError } = await server()
    const error = nextError()
    const response = await rawUpgrade(port, '/zmq', { 'Sec-WebSocket-Protocol': 'chat' })
    sockets.push(response!.socket)
    expect(response!.status).toMatch(/^HTTP\/1\.1 400/)
    expect(await error).toMatchObject({ code: 'ERR_BAD_UPGRADE' })
  })

  it('refuses legacy mode when the socket has a security mechanism', async () => {
    const { port, nextError } = await server(undefined, undefined, { mechanism: 'PLAIN' })
    const error = nextError()
    const response = await rawUpgrade(port, '/zmq', { 'Sec-WebSocket-Protocol': 'ZWS2.0' })
    sockets.push(response!.socket)
    expect(response!.status).toMatch(/^HTTP\/1\.1 400/)
    expect(await error).toMatchObject({ code: 'ERR_BAD_UPGRADE' })
  })

  it('refuses an unknown path with 404', async () => {
    const { port, nextError } = await server()
    const error = nextError()
    const response = await rawUpgrade(port, '/other', { 'Sec-WebSocket-Protocol': 'ZWS2.0' })
    sockets.push(response!.socket)
    expect(response!.status).toMatch(/^HTTP\/1\.1 404/)
    expect(await error).toMatchObject({ code: 'ERR_BAD_UPGRADE' })
  })

  it('checks Origin against the allow-list, and lets clients without one through', async () => {
    const { port, nextError } = await server(undefined, { origins: ['https://app.example'] })
    const error = nextError()
    const refused = await rawUpgrade(port, '/zmq', {
      'Sec-WebSocket-Protocol': 'ZWS2.0-NULL',
      Origin: 'https://evil.example',
    })
    const allowed = await rawUpgrade(port, '/zmq', {
      'Sec-WebSocket-Protocol': 'ZWS2.0-NULL',
      Origin: 'https://app.example',
    })
    const native = await rawUpgrade(port, '/zmq', { 'Sec-WebSocket-Protocol': 'ZWS2.0/NULL' })
    sockets.push(refused!.socket, allowed!.socket, native!.socket)
    expect(refused!.status).toMatch(/^HTTP\/1\.1 403/)
    expect(await error).toMatchObject({ code: 'ERR_FORBIDDEN' })
    expect(allowed!.status).toMatch(/^HTTP\/1\.1 101/)
    expect(native!.status).toMatch(/^HTTP\/1\.1 101/)
  })

  it('takes an origin policy as a function', async () => {
    const { port } = await server(undefined, { origins: (origin) => origin.endsWith('.example') })
    const allowed = await rawUpgrade(port, '/zmq', {
      'Sec-WebSocket-Protocol': 'ZWS2.0',
      Origin: 'http://a.example',
    })
    const refused = await rawUpgrade(port, '/zmq', {
      'Sec-WebSocket-Protocol': 'ZWS2.0',
      Origin: 'http://a.test',
    })
    sockets.push(allowed!.socket, refused!.socket)
    expect(allowed!.status).toMatch(/^HTTP\/1\.1 101/)
    expect(refused!.status).toMatch(/^HTTP\/1\.1 403/)
  })

  it('answers garbage before the upgrade with 400 and an event, and keeps listening', async () => {
    const { port, nextError } = await server()
    const error = nextError()
    const response = await rawExchange(
      port,
      new Uint8Array([0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x7f, 13, 10, 13, 10]),
    )
    if (response) sockets.push(response.socket)
    expect(response?.status ?? 'closed').toMatch(/^HTTP\/1\.1 400|^closed$/)
    expect(await error).toMatchObject({ code: 'ERR_BAD_UPGRADE' })
    const next = await rawUpgrade(port, '/zmq', { 'Sec-WebSocket-Protocol': 'ZWS2.0' })
    sockets.push(next!.socket)
    expect(next!.status).toMatch(/^HTTP\/1\.1 101/)
  })

  it('answers an upgrade with a bad WebSocket version with 400 and an event', async () => {
    const { port, nextError } = await server()
    const error = nextError()
    const response = await rawUpgrade(port, '/zmq', {
      'Sec-WebSocket-Protocol': 'ZWS2.0',
      'Sec-WebSocket-Version': '7',
    })
    sockets.push(response!.socket)
    expect(response!.status).toMatch(/^HTTP\/1\.1 400/)
    expect(await error).toMatchObject({ code: 'ERR_BAD_UPGRADE' })
  })

  it('answers a plain HTTP request with 426 Upgrade Required', async () => {
    const { port } = await server()
    const response = await rawExchange(port, 'GET /zmq HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    sockets.push(response!.socket)
    expect(response!.status).toMatch(/^HTTP\/1\.1 426/)
  })

  it('serves the next upgrade while another request stalls', async () => {
    const { port } = await server()
    const stalled = connect({ host: '127.0.0.1', port })
    sockets.push(stalled)
    stalled.write('GET /zmq HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    const next = await rawUpgrade(port, '/zmq', { 'Sec-WebSocket-Protocol': 'ZWS2.0' })
    sockets.push(next!.socket)
    expect(next!.status).toMatch(/^HTTP\/1\.1 101/)
  })
})
