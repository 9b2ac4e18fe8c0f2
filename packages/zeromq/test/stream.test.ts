/**
 * zeromq.js's `Stream` (ZMQ_STREAM) as this package names it: a zeromq.js socket (sealed, with a
 * context) that talks to plain TCP peers and hands out routing ids and data as Buffers.
 */
import { connect, type Socket as NetSocket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import * as zmq from '../src/index.js'

const open: { close(): void }[] = []
const peers: NetSocket[] = []
afterEach(() => {
  for (const socket of open.splice(0)) socket.close()
  for (const peer of peers.splice(0)) peer.destroy()
})

describe('Stream', () => {
  it('is a zeromq.js socket: sealed, with the default context', () => {
    const stream = new zmq.Stream()
    open.push(stream)
    expect(stream).toBeInstanceOf(zmq.Socket)
    expect(stream.context).toBe(zmq.context)
    expect(() => {
      ;(stream as unknown as Record<string, unknown>).doesNotExist = 1
    }).toThrow(TypeError)
  })

  it('serves a raw TCP client with Buffers for routing ids and data', async () => {
    const stream = new zmq.Stream()
    open.push(stream)
    await stream.bind('tcp://127.0.0.1:*')
    const port = Number(stream.lastEndpoint!.split(':').pop())
    const peer = connect(port, '127.0.0.1')
    peers.push(peer)
    const reply = new Promise<string>((resolve) => {
      let got = ''
      peer.on('data', (chunk) => {
        got += chunk.toString()
      })
      peer.on('end', () => resolve(got))
    })

    const [id, notice] = await stream.receive()
    expect(Buffer.isBuffer(id) && Buffer.isBuffer(notice)).toBe(true)
    expect(notice).toHaveLength(0)
    peer.write('ping')
    let data = Buffer.alloc(0)
    while (data.length < 4) {
      const [from, chunk] = await stream.receive()
      expect(Buffer.isBuffer(from) && Buffer.isBuffer(chunk)).toBe(true)
      expect(Buffer.compare(from!, id!)).toBe(0)
      data = Buffer.concat([data, chunk as Buffer])
    }
    expect(data.toString()).toBe('ping')
    await stream.send([id!, 'pong'])
    await stream.send([id!, ''])
    expect(await reply).toBe('pong')
  })

  it('fails as zeromq.js does when sending to an unknown routing id', async () => {
    const stream = new zmq.Stream()
    open.push(stream)
    await stream.bind('tcp://127.0.0.1:*')
    await expect(stream.send(['nobody', 'x'])).rejects.toMatchObject({ code: 'EHOSTUNREACH' })
  })
})
