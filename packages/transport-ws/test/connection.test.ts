import type { Connection } from '@zmtp/core'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { parseWsEndpoint, ws } from '../src/index.js'
import { closeAll, closed, type Harness, listen } from './support/harness.js'

const harnesses: Harness[] = []
const clients: WebSocket[] = []
const dialled: Connection[] = []

async function server(...args: Parameters<typeof listen>): Promise<Harness> {
  const harness = await listen(...args)
  harnesses.push(harness)
  return harness
}

/** A plain `ws` client offering a token-safe name, to send what a zmtp socket never would. */
function rawClient(
  port: number,
  options: ConstructorParameters<typeof WebSocket>[2] = {},
): Promise<WebSocket> {
  const client = new WebSocket(`ws://127.0.0.1:${port}/zmq`, ['ZWS2.0-NULL'], options)
  clients.push(client)
  return new Promise((resolve, reject) => {
    client.once('open', () => resolve(client))
    client.once('error', reject)
  })
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate()
  for (const connection of dialled.splice(0)) connection.destroy()
  await closeAll(harnesses.splice(0))
})

describe('ws connections', () => {
  it('carry binary messages both ways and report the negotiated subprotocol', async () => {
    const { listener, nextConnection } = await server()
    const accepted = nextConnection()
    const client = await ws().dial(parseWsEndpoint(listener.endpoint), { mechanism: 'NULL' })
    dialled.push(client)
    const serverSide = await accepted
    expect(client.kind === 'message' && client.subprotocol).toBe('ZWS2.0/NULL')
    expect(serverSide.kind === 'message' && serverSide.subprotocol).toBe('ZWS2.0/NULL')
    expect(client.kind === 'message' && client.transportHeartbeats).toBe(true)
    const got = new Promise<Uint8Array>((resolve) => serverSide.on('data', resolve))
    client.writev([new Uint8Array([1, 0xaa]), new Uint8Array([0, 0xbb])])
    expect([...(await got)]).toEqual([1, 0xaa])
    const back = new Promise<Uint8Array>((resolve) => client.on('data', resolve))
    serverSide.write(new Uint8Array([2, 4, 0x50, 0x49, 0x4e, 0x47]))
    expect([...(await back)]).toEqual([2, 4, 0x50, 0x49, 0x4e, 0x47])
  })

  it('close a connection that sends a text frame with ERR_MALFORMED_FRAME', async () => {
    const { port, nextConnection } = await server()
    const accepted = nextConnection()
    const client = await rawClient(port)
    const why = closed(await accepted)
    client.send('hello')
    expect(await why).toMatchObject({ code: 'ERR_MALFORMED_FRAME' })
  })

  it('take a fragmented message from a browser (a request with an Origin) as one message', async () => {
    const { port, nextConnection } = await server(undefined, undefined, { maxMessageSize: 4 })
    const accepted = nextConnection()
    const client = await rawClient(port, { origin: 'http://127.0.0.1' })
    const connection = await accepted
    const got = new Promise<Uint8Array>((resolve) => connection.on('data', resolve))
    client.send(new Uint8Array([0, 1, 2]), { fin: false })
    client.send(new Uint8Array([3, 4]), { fin: true })
    expect([...(await got)]).toEqual([0, 1, 2, 3, 4])
    // The reassembled message is held to maxMessageSize + 1 all the same.
    const why = closed(connection)
    client.send(new Uint8Array([0, 1, 2]), { fin: false })
    client.send(new Uint8Array([3, 4, 5]), { fin: true })
    expect(await why).toMatchObject({ code: 'ERR_FRAME_TOO_LARGE' })
  })

  it('close a connection without an Origin that sends a fragmented message, as libzmq does', async () => {
    const { port, nextConnection } = await server()
    const accepted = nextConnection()
    const client = await rawClient(port)
    const why = closed(await accepted)
    client.send(new Uint8Array([0, 1, 2]), { fin: false })
    client.send(new Uint8Array([3, 4]), { fin: true })
    expect(await why).toMatchObject({ code: 'ERR_MALFORMED_FRAME' })
  })

  it('close a connection whose message exceeds maxMessageSize + 1 with ERR_FRAME_TOO_LARGE', async () => {
    const { port, nextConnection } = await server(undefined, undefined, { maxMessageSize: 100 })
    const accepted = nextConnection()
    const client = await rawClient(port)
    const connection = await accepted
    const data: Uint8Array[] = []
    connection.on('data', (chunk) => data.push(chunk))
    const why = closed(connection)
    client.send(new Uint8Array(101)) // flags octet + 100: allowed
    client.send(new Uint8Array(102))
    expect(await why).toMatchObject({ code: 'ERR_FRAME_TOO_LARGE' })
    expect(data.map((chunk) => chunk.length)).toEqual([101])
  })

  it('hands on an empty binary message (the engine refuses it) and keeps others open', async () => {
    const { port, nextConnection } = await server()
    const first = nextConnection()
    const a = await rawClient(port)
    const connectionA = await first
    const second = nextConnection()
    const b = await rawClient(port)
    const connectionB = await second
    const emptyArrived = new Promise<Uint8Array>((resolve) => connectionA.on('data', resolve))
    a.send(new Uint8Array(0))
    expect((await emptyArrived).length).toBe(0)
    const fromB = new Promise<Uint8Array>((resolve) => connectionB.on('data', resolve))
    b.send(new Uint8Array([0, 7]))
    expect([...(await fromB)]).toEqual([0, 7])
  })

  it('pings with the heartbeat interval and closes when no pong comes back', async () => {
    const { port, nextConnection } = await server(undefined, undefined, {
      heartbeatInterval: 20,
      heartbeatTimeout: 60,
    })
    const silent = nextConnection()
    await rawClient(port, { autoPong: false })
    expect(await closed(await silent)).toMatchObject({ code: 'ERR_HEARTBEAT_TIMEOUT' })
  })

  it('stays open while pongs come back', async () => {
    const { port, nextConnection } = await server(undefined, undefined, {
      heartbeatInterval: 10,
      heartbeatTimeout: 40,
    })
    const accepted = nextConnection()
    const client = await rawClient(port)
    const connection = await accepted
    let failed: Error | undefined
    connection.on('close', (error) => {
      failed = error ?? new Error('closed')
    })
    let pings = 0
    await new Promise<void>((resolve) => {
      client.on('ping', () => {
        if (++pings === 8) resolve()
      })
    })
    expect(failed).toBeUndefined()
  })

  it('report full past sendBufferSize while the peer does not read, and drain after', async () => {
    const { listener, nextConnection } = await server(undefined, { sendBufferSize: 64 * 1024 })
    const accepted = nextConnection()
    const client = await ws().dial(parseWsEndpoint(listener.endpoint), { mechanism: 'NULL' })
    dialled.push(client)
    const serverSide = await accepted
    serverSide.on('data', () => {})
    serverSide.pause()
    const chunk = new Uint8Array(16 * 1024)
    let writes = 0
    while (client.write(chunk)) {
      writes++
      if (writes > 100_000) throw new Error('never reported full')
    }
    const drained = new Promise<void>((resolve) => client.on('drain', resolve))
    serverSide.resume()
    await drained
  })

  it('close gracefully: the peer sees a clean close', async () => {
    const { listener, nextConnection } = await server()
    const accepted = nextConnection()
    const client = await ws().dial(parseWsEndpoint(listener.endpoint), { mechanism: 'NULL' })
    const serverSide = await accepted
    const why = closed(serverSide)
    client.close()
    expect(await why).toBeUndefined()
  })
})
