import { networkInterfaces } from 'node:os'
import { type Endpoint, ErrorCode, isZmtpError, type Transport, TransportError } from '@zmtp/core'
import { describe, expect, it } from 'vitest'
import { tcp } from '../src/index.js'
import {
  bytes,
  closed,
  connectPair,
  dial,
  freePort,
  listen,
  portOf,
  receive,
  tcpAt,
  text,
  turn,
} from './helpers.js'

const transport = tcp()

const hasIpv6Loopback = Object.values(networkInterfaces()).some((addresses) =>
  addresses?.some((address) => address.family === 'IPv6' && address.address === '::1'),
)

describe('tcp transport', () => {
  it('serves tcp and ipc', () => {
    expect(transport.name).toBe('tcp')
    expect(transport.protocols).toEqual(['tcp', 'ipc'])
  })

  it('reports the real port of an ephemeral bind and carries bytes both ways', async () => {
    const listening = await listen(transport, tcpAt('127.0.0.1'))
    const port = portOf(listening.listener.endpoint)
    expect(listening.listener.endpoint).toBe(`tcp://127.0.0.1:${port}`)
    expect(port).toBeGreaterThan(0)

    const { client, server } = await connectPair(transport, listening, tcpAt('127.0.0.1', port))
    expect(client.kind).toBe('stream')
    expect(client.remoteAddress).toBe(`tcp://127.0.0.1:${port}`)
    expect(server.localAddress).toBe(`tcp://127.0.0.1:${port}`)
    expect(server.remoteAddress).toBe(client.localAddress)

    const atServer = receive(server, 5)
    client.write(bytes('hello'))
    expect(text(await atServer)).toBe('hello')
    const atClient = receive(client, 5)
    server.write(bytes('world'))
    expect(text(await atClient)).toBe('world')
  })

  it('delivers a 1 MiB write intact', async () => {
    const listening = await listen(transport, tcpAt('127.0.0.1'))
    const { client, server } = await connectPair(
      transport,
      listening,
      tcpAt('127.0.0.1', portOf(listening.listener.endpoint)),
    )
    const payload = new Uint8Array(1024 * 1024)
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31 + (i >> 8)) & 0xff
    let chunks = 0
    server.on('data', () => chunks++)
    const received = receive(server, payload.length)
    client.write(payload)
    expect(Buffer.from(await received).equals(payload)).toBe(true)
    expect(chunks).toBeGreaterThan(0)
  })

  it('writev delivers many small chunks in order', async () => {
    const listening = await listen(transport, tcpAt('127.0.0.1'))
    const { client, server } = await connectPair(
      transport,
      listening,
      tcpAt('127.0.0.1', portOf(listening.listener.endpoint)),
    )
    const chunks = Array.from({ length: 2000 }, (_, i) => bytes(`${i},`))
    const expected = chunks.map(text).join('')
    const received = receive(server, expected.length)
    expect(typeof client.writev(chunks)).toBe('boolean')
    expect(text(await received)).toBe(expected)
    expect(client.writev([])).toBe(true)
  })

  it('close flushes, and each side sees exactly one clean close event', async () => {
    const listening = await listen(transport, tcpAt('127.0.0.1'))
    const { client, server } = await connectPair(
      transport,
      listening,
      tcpAt('127.0.0.1', portOf(listening.listener.endpoint)),
    )
    let clientCloses = 0
    let serverCloses = 0
    client.on('close', () => clientCloses++)
    server.on('close', () => serverCloses++)
    const received = receive(server, 4)
    const serverClosed = closed(server)
    const clientClosed = closed(client)
    client.write(bytes('last'))
    client.close()
    expect(client.write(bytes('ignored'))).toBe(false)
    expect(text(await received)).toBe('last')
    expect(await serverClosed).toBeUndefined()
    expect(await clientClosed).toBeUndefined()
    client.close()
    client.destroy()
    await turn()
    expect([clientCloses, serverCloses]).toEqual([1, 1])
  })

  it('destroy reports its error in the close event', async () => {
    const listening = await listen(transport, tcpAt('127.0.0.1'))
    const { client, server } = await connectPair(
      transport,
      listening,
      tcpAt('127.0.0.1', portOf(listening.listener.endpoint)),
    )
    const reason = new Error('protocol violation')
    const serverClosed = closed(server)
    const clientClosed = closed(client)
    client.destroy(reason)
    expect(await clientClosed).toBe(reason)
    await serverClosed
  })

  it('reports a reset by the peer as ERR_CONNECTION_CLOSED with the errno as cause', async () => {
    const listening = await listen(transport, tcpAt('127.0.0.1'))
    const { client, server } = await connectPair(
      transport,
      listening,
      tcpAt('127.0.0.1', portOf(listening.listener.endpoint)),
    )
    const clientClosed = closed(client)
    client.on('data', () => {})
    // Closing a socket with unread bytes in its receive queue makes the kernel answer with RST.
    client.write(new Uint8Array(1024 * 1024))
    server.destroy()
    const error = await clientClosed
    expect(isZmtpError(error, ErrorCode.ConnectionClosed)).toBe(true)
    expect(['ECONNRESET', 'EPIPE']).toContain(((error as Error).cause as { code?: string }).code)
  })

  it('binds every interface for tcp://*:0 and reports it as 0.0.0.0', async () => {
    const listening = await listen(transport, tcpAt('*'))
    const port = portOf(listening.listener.endpoint)
    expect(listening.listener.endpoint).toBe(`tcp://0.0.0.0:${port}`)
    const { client, server } = await connectPair(transport, listening, tcpAt('127.0.0.1', port))
    const received = receive(server, 2)
    client.write(bytes('ok'))
    expect(text(await received)).toBe('ok')
  })

  it.skipIf(!hasIpv6Loopback)('binds [::] for tcp://*:0 with ipv6, reachable on both families', async () => {
    const v6 = tcp({ ipv6: true })
    const listening = await listen(v6, tcpAt('*'))
    const port = portOf(listening.listener.endpoint)
    expect(listening.listener.endpoint).toBe(`tcp://[::]:${port}`)
    for (const host of ['::1', '127.0.0.1']) {
      const { client, server } = await connectPair(v6, listening, tcpAt(host, port))
      const received = receive(server, 2)
      client.write(bytes('ok'))
      expect(text(await received)).toBe('ok')
    }
  })

  it.skipIf(!hasIpv6Loopback)('speaks IPv6 on [::1] with bracketed addresses', async () => {
    const listening = await listen(transport, tcpAt('::1'))
    const port = portOf(listening.listener.endpoint)
    expect(listening.listener.endpoint).toBe(`tcp://[::1]:${port}`)
    const { client, server } = await connectPair(transport, listening, tcpAt('::1', port))
    expect(client.remoteAddress).toBe(`tcp://[::1]:${port}`)
    expect(server.remoteAddress).toMatch(/^tcp:\/\/\[::1\]:\d+$/)
    const received = receive(client, 3)
    server.write(bytes('six'))
    expect(text(await received)).toBe('six')
  })

  it('resolves host names when binding and dialing', async () => {
    const listening = await listen(transport, tcpAt('localhost'))
    const endpoint = listening.listener.endpoint
    expect(endpoint).toMatch(/^tcp:\/\/(127\.0\.0\.1|\[::1\]):\d+$/)
    const { client, server } = await connectPair(transport, listening, tcpAt('localhost', portOf(endpoint)))
    expect(client.remoteAddress).toBe(endpoint)
    const received = receive(server, 4)
    client.write(bytes('name'))
    expect(text(await received)).toBe('name')
  })

  it('keeps accepted connections open after the listener closes', async () => {
    const keepAlive = tcp({ keepAlive: 1000 })
    const listening = await listen(keepAlive, tcpAt('127.0.0.1'))
    const port = portOf(listening.listener.endpoint)
    const { client, server } = await connectPair(keepAlive, listening, tcpAt('127.0.0.1', port))
    await listening.listener.close()
    await listening.listener.close()
    const received = receive(server, 5)
    client.write(bytes('still'))
    expect(text(await received)).toBe('still')
    // The port is free again at once.
    const again = await listen(keepAlive, tcpAt('127.0.0.1', port))
    expect(again.listener.endpoint).toBe(`tcp://127.0.0.1:${port}`)
  })
})

describe('tcp errors', () => {
  it('fails with EADDRINUSE when the port is taken', async () => {
    const listening = await listen(transport, tcpAt('127.0.0.1'))
    const error = await listen(transport, tcpAt('127.0.0.1', portOf(listening.listener.endpoint))).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(TransportError)
    expect(error.code).toBe(ErrorCode.AddressInUse)
    expect((error.cause as { code?: string }).code).toBe('EADDRINUSE')
  })

  it('fails with EADDRNOTAVAIL for an address not on this machine', async () => {
    // TEST-NET-1 (RFC 5737) is never assigned to a local interface; binding sends nothing.
    const error = await listen(transport, tcpAt('192.0.2.1')).catch((e) => e)
    expect(isZmtpError(error, ErrorCode.AddressNotAvailable)).toBe(true)
  })

  it('fails with ECONNREFUSED when nothing listens', async () => {
    const port = await freePort(transport)
    const error = await dial(transport, tcpAt('127.0.0.1', port)).catch((e) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect(error.code).toBe(ErrorCode.ConnectionRefused)
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED')
  })

  it('rejects wildcards when dialing and schemes it does not serve', async () => {
    const wildcard = await dial(transport, tcpAt('*', 5555)).catch((e) => e)
    expect(isZmtpError(wildcard, ErrorCode.InvalidArgument)).toBe(true)
    const noPort = await dial(transport, tcpAt('127.0.0.1', 0)).catch((e) => e)
    expect(isZmtpError(noPort, ErrorCode.InvalidArgument)).toBe(true)
    const foreign: Endpoint = {
      protocol: 'ws',
      host: '127.0.0.1',
      port: 1,
      ipv6: false,
      path: '/',
    } as Endpoint
    const ws = await (transport as Transport).dial(foreign, { mechanism: 'NULL' }).catch((e) => e)
    expect(isZmtpError(ws, ErrorCode.NoTransport)).toBe(true)
  })

  it('rejects invalid options with EINVAL', () => {
    for (const options of [{ backlog: -1 }, { keepAlive: 1.5 }, { connectTimeout: -5 }, { ipv6: 'yes' }]) {
      expect(() => tcp(options as never)).toThrow(
        expect.objectContaining({ code: ErrorCode.InvalidArgument }),
      )
    }
  })
})

describe('aborting a dial', () => {
  it('rejects at once when the signal is already aborted', async () => {
    const listening = await listen(transport, tcpAt('127.0.0.1'))
    const error = await dial(
      transport,
      tcpAt('127.0.0.1', portOf(listening.listener.endpoint)),
      AbortSignal.abort(),
    ).catch((e) => e)
    expect(error.name).toBe('AbortError')
  })

  it('rejects with the reason when aborted while connecting', async () => {
    const listening = await listen(transport, tcpAt('127.0.0.1'))
    const controller = new AbortController()
    const dialing = dial(
      transport,
      tcpAt('127.0.0.1', portOf(listening.listener.endpoint)),
      controller.signal,
    )
    controller.abort()
    const error = await dialing.catch((e) => e)
    expect(error.name).toBe('AbortError')

    const custom = new AbortController()
    const reason = new Error('shutting down')
    const second = dial(transport, tcpAt('127.0.0.1', portOf(listening.listener.endpoint)), custom.signal)
    custom.abort(reason)
    expect(await second.catch((e) => e)).toBe(reason)
  })

  it('ignores the signal once connected', async () => {
    const listening = await listen(transport, tcpAt('127.0.0.1'))
    const controller = new AbortController()
    const [client, server] = await Promise.all([
      dial(transport, tcpAt('127.0.0.1', portOf(listening.listener.endpoint)), controller.signal),
      listening.accepted(),
    ])
    controller.abort()
    const received = receive(server, 5)
    client.write(bytes('alive'))
    expect(text(await received)).toBe('alive')
  })
})
