import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ws as browserWs } from '../src/browser.js'
import { parseWsEndpoint, ws } from '../src/index.js'
import { closeAll, type Harness, listen } from './support/harness.js'
import { rawUpgrade } from './support/raw-http.js'

const harnesses: Harness[] = []
const cleanups: (() => unknown)[] = []
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url))

async function server(...args: Parameters<typeof listen>): Promise<Harness> {
  const harness = await listen(...args)
  harnesses.push(harness)
  return harness
}

afterEach(async () => {
  await closeAll(harnesses.splice(0))
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function dial(url: string, config: Parameters<typeof ws>[0] = {}) {
  return ws(config)
    .dial(parseWsEndpoint(url), { mechanism: 'NULL' })
    .then((connection) => {
      cleanups.push(() => connection.destroy())
      return connection
    })
}

/** A port nothing listens on: bound and released by the OS a moment ago. */
async function freePort(): Promise<number> {
  const probe = createNetServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

describe('binding ws://', () => {
  it('reports the ephemeral port and path in the bound endpoint', async () => {
    const { listener, port } = await server('ws://127.0.0.1:*/feed')
    expect(port).toBeGreaterThan(0)
    expect(listener.endpoint).toBe(`ws://127.0.0.1:${port}/feed`)
  })

  it('binds ws://*:* on every IPv4 interface and reports the real port', async () => {
    const harness = await server('ws://*:*/any')
    expect(harness.listener.endpoint).toBe(`ws://0.0.0.0:${harness.port}/any`)
    const accepted = harness.nextConnection()
    await dial(`ws://127.0.0.1:${harness.port}/any`)
    await accepted
  })

  it('lets several sockets share one port, each on its own path', async () => {
    const a = await server('ws://127.0.0.1:*/a')
    const b = await server(`ws://127.0.0.1:${a.port}/b`)
    expect(b.port).toBe(a.port)
    const toA = a.nextConnection()
    const toB = b.nextConnection()
    await dial(`ws://127.0.0.1:${a.port}/a`)
    await dial(`ws://127.0.0.1:${a.port}/b`)
    await Promise.all([toA, toB])
    expect(a.connections).toHaveLength(1)
    expect(b.connections).toHaveLength(1)
  })

  it('refuses a second socket on the same path with EADDRINUSE', async () => {
    const a = await server('ws://127.0.0.1:*/a')
    await expect(listen(`ws://127.0.0.1:${a.port}/a`)).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })

  it('frees the port when the last path is unbound, but keeps accepted connections', async () => {
    const a = await server('ws://127.0.0.1:*/a')
    const accepted = a.nextConnection()
    const client = await dial(a.listener.endpoint)
    const connection = await accepted
    await a.listener.close()
    const back = new Promise<Uint8Array>((resolve) => client.on('data', resolve))
    connection.write(new Uint8Array([0, 42]))
    expect([...(await back)]).toEqual([0, 42])
    const again = await server(`ws://127.0.0.1:${a.port}/a`)
    expect(again.port).toBe(a.port)
  })

  it("attaches to the application's http server and leaves its other upgrades alone", async () => {
    const app: Server = createServer((_request, response) => response.end('app'))
    const otherUpgrades: string[] = []
    app.on('upgrade', (request, socket) => {
      if (request.url !== '/zmq') {
        otherUpgrades.push(request.url ?? '')
        socket.destroy()
      }
    })
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => {
      app.closeAllConnections()
      return new Promise((resolve) => app.close(resolve))
    })
    const port = (app.address() as { port: number }).port
    const harness = await server(`ws://127.0.0.1:${port}/zmq`, { server: app })
    expect(harness.listener.endpoint).toBe(`ws://127.0.0.1:${port}/zmq`)
    const accepted = harness.nextConnection()
    await dial(`ws://127.0.0.1:${port}/zmq`)
    await accepted
    const other = await rawUpgrade(port, '/elsewhere', { 'Sec-WebSocket-Protocol': 'ZWS2.0' })
    expect(other).toBeNull()
    expect(otherUpgrades).toEqual(['/elsewhere'])
    const page = await fetch(`http://127.0.0.1:${port}/`)
    expect(await page.text()).toBe('app')
  })

  it('serves wss:// with the given certificate, reached with the matching CA', async () => {
    const tls = { key: fixture('localhost-key.pem'), cert: fixture('localhost-cert.pem') }
    const harness = await server('wss://127.0.0.1:*/secure', { tls })
    expect(harness.listener.endpoint).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/secure$/)
    const accepted = harness.nextConnection()
    const client = await dial(harness.listener.endpoint, { connectTls: { ca: tls.cert } })
    const connection = await accepted
    const got = new Promise<Uint8Array>((resolve) => connection.on('data', resolve))
    client.write(new Uint8Array([0, 1, 2, 3]))
    expect([...(await got)]).toEqual([0, 1, 2, 3])
  })

  it('refuses to bind wss:// without a certificate', async () => {
    await expect(listen('wss://127.0.0.1:*/secure')).rejects.toMatchObject({ code: 'EINVAL' })
  })

  it('refuses a wss:// connect to an untrusted certificate', async () => {
    const tls = { key: fixture('localhost-key.pem'), cert: fixture('localhost-cert.pem') }
    const harness = await server('wss://127.0.0.1:*/secure', { tls })
    await expect(dial(harness.listener.endpoint)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})

describe('connecting to ws://', () => {
  it('fails with ECONNREFUSED when nothing listens', async () => {
    await expect(dial(`ws://127.0.0.1:${await freePort()}/zmq`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    })
  })

  it('fails with ERR_BAD_UPGRADE on an unknown path and ERR_FORBIDDEN on a refused origin', async () => {
    const harness = await server('ws://127.0.0.1:*/zmq', { origins: ['https://app.example'] })
    await expect(dial(`ws://127.0.0.1:${harness.port}/nope`)).rejects.toMatchObject({
      code: 'ERR_BAD_UPGRADE',
    })
    await expect(
      dial(harness.listener.endpoint, { headers: { Origin: 'https://evil.example' } }),
    ).rejects.toMatchObject({ code: 'ERR_FORBIDDEN' })
  })

  it('offers only the subprotocols given, which must suit the mechanism', async () => {
    const harness = await server()
    const accepted = harness.nextConnection()
    const legacy = await dial(harness.listener.endpoint, { subprotocols: ['ZWS2.0'] })
    expect(legacy.kind === 'message' && legacy.subprotocol).toBe('ZWS2.0')
    const serverSide = await accepted
    expect(serverSide.kind === 'message' && serverSide.subprotocol).toBe('ZWS2.0')
    await expect(dial(harness.listener.endpoint, { subprotocols: ['ZWS2.0/PLAIN'] })).rejects.toMatchObject({
      code: 'EINVAL',
    })
  })

  it('refuses a wildcard host or port with EINVAL', async () => {
    await expect(dial('ws://*:5555/zmq')).rejects.toMatchObject({ code: 'EINVAL' })
    await expect(dial('ws://127.0.0.1:*/zmq')).rejects.toMatchObject({ code: 'EINVAL' })
  })

  it('rejects with the abort reason when aborted during the upgrade', async () => {
    const harness = await server()
    const abort = new AbortController()
    const dialling = ws().dial(parseWsEndpoint(harness.listener.endpoint), {
      mechanism: 'NULL',
      signal: abort.signal,
    })
    abort.abort()
    await expect(dialling).rejects.toMatchObject({ name: 'AbortError' })
  })
})

describe('the browser build', () => {
  it('cannot bind, with ERR_TRANSPORT_UNSUPPORTED', async () => {
    const transport = browserWs()
    await expect(
      transport.listen(parseWsEndpoint('ws://127.0.0.1:*/x'), { mechanism: 'NULL', onConnection() {} }),
    ).rejects.toMatchObject({ code: 'ERR_TRANSPORT_UNSUPPORTED' })
  })
})
