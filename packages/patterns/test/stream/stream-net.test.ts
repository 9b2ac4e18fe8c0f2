/**
 * The Stream socket (ZMQ_STREAM) with plain Node `net` peers: an HTTP-like exchange where we serve,
 * connect and disconnect notices, closing a peer by sending an empty frame, outgoing connections with
 * a chosen routing id, large transfers both ways, and what it refuses.
 */
import type { Socket as NetSocket } from 'node:net'
import { tcp } from '@zmtp/transport-tcp'
import { afterEach, describe, expect, it } from 'vitest'
import { type SocketEvent, Stream } from '../../src/index.js'
import { socketTracker, text } from '../helpers.js'
import { IPC, removeIpcFiles, TCP } from '../transport-cases.js'
import { netClient, netServer, readBytes } from './net-peers.js'

const EMPTY = new Uint8Array(0)
const transports = [tcp()]

/** Receives until the data of peer `id` (notices skipped) holds `length` octets. */
async function receiveBytes(stream: Stream, id: Uint8Array, length: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  while (total < length) {
    const [from, data] = await stream.receive()
    // Received parts are Buffers in Node, as with every other socket type.
    expect(Buffer.isBuffer(from) && Buffer.isBuffer(data)).toBe(true)
    expect(Buffer.from(from!)).toEqual(Buffer.from(id))
    if (data!.length === 0) continue
    chunks.push(Buffer.from(data!))
    total += data!.length
  }
  return Buffer.concat(chunks)
}

describe('Stream with plain net peers', () => {
  const { track, cleanup } = socketTracker()
  const opened: NetSocket[] = []
  const closers: (() => Promise<void>)[] = []

  afterEach(async () => {
    cleanup()
    for (const socket of opened.splice(0)) socket.destroy()
    for (const close of closers.splice(0)) await close()
    removeIpcFiles()
  })

  describe.each([TCP, IPC])('bound over $name', (t) => {
    it('serves an HTTP-like exchange: notice, request, response, close by empty frame', async () => {
      const stream = track(new Stream({ transports }))
      await stream.bind(t.bindTo())
      const client = await netClient(stream.lastEndpoint!, opened)

      const [id, notice] = await stream.receive()
      expect(Buffer.isBuffer(id) && Buffer.isBuffer(notice)).toBe(true)
      expect(id).toHaveLength(5)
      expect(id![0]).toBe(0)
      expect(notice).toEqual(Buffer.alloc(0))

      const request = 'GET /hello HTTP/1.0\r\nHost: localhost\r\n\r\n'
      client.socket.write(request)
      expect((await receiveBytes(stream, id!, request.length)).toString()).toBe(request)

      const body = 'hello, raw world'
      await stream.send([id!, `HTTP/1.0 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`])
      await stream.send([id!, EMPTY])
      const response = (await client.ended).toString()
      expect(response).toBe(`HTTP/1.0 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`)

      // The peer is gone at once for the socket: sending to it again fails as libzmq's does.
      await expect(stream.send([id!, 'late'])).rejects.toMatchObject({ code: 'EHOSTUNREACH' })
    })
  })

  it('announces a peer that goes away with its routing id and an empty frame', async () => {
    const stream = track(new Stream({ transports }))
    await stream.bind('tcp://127.0.0.1:*')
    const client = await netClient(stream.lastEndpoint!, opened)
    const [id, connected] = await stream.receive()
    expect(connected).toEqual(Buffer.alloc(0))
    client.socket.end('bye')
    expect((await receiveBytes(stream, id!, 3)).toString()).toBe('bye')
    const [goneId, gone] = await stream.receive()
    expect(goneId).toEqual(id)
    expect(gone).toEqual(Buffer.alloc(0))
  })

  it('gives each peer its own routing id and routes replies to the right one', async () => {
    const stream = track(new Stream({ transports }))
    await stream.bind('tcp://127.0.0.1:*')
    const a = await netClient(stream.lastEndpoint!, opened)
    const [idA] = await stream.receive()
    const b = await netClient(stream.lastEndpoint!, opened)
    const [idB] = await stream.receive()
    expect(Buffer.from(idA!).equals(Buffer.from(idB!))).toBe(false)

    a.socket.write('from a')
    expect((await receiveBytes(stream, idA!, 6)).toString()).toBe('from a')
    b.socket.write('from b')
    expect((await receiveBytes(stream, idB!, 6)).toString()).toBe('from b')

    await stream.send([idB!, 'to b'])
    await stream.send([idA!, 'to a'])
    await stream.send([idA!, ''])
    await stream.send([idB!, ''])
    expect((await a.ended).toString()).toBe('to a')
    expect((await b.ended).toString()).toBe('to b')
  })

  it('with notify off, delivers data only', async () => {
    const stream = track(new Stream({ transports, notify: false }))
    expect(stream.notify).toBe(false)
    await stream.bind('tcp://127.0.0.1:*')
    const client = await netClient(stream.lastEndpoint!, opened)
    client.socket.end('only data')
    const [id, data] = await stream.receive()
    expect(text([data!])).toEqual(['only data'])
    // The disconnect is not announced: the next peer's data is what comes next.
    const second = await netClient(stream.lastEndpoint!, opened)
    second.socket.write('second')
    const [secondId, secondData] = await stream.receive()
    expect(Buffer.from(secondId!).equals(Buffer.from(id!))).toBe(false)
    expect(text([secondData!])).toEqual(['second'])
  })

  it('moves 4 MiB each way intact', async () => {
    const stream = track(new Stream({ transports }))
    await stream.bind('tcp://127.0.0.1:*')
    const client = await netClient(stream.lastEndpoint!, opened)
    const [id] = await stream.receive()
    const size = 4 * 1024 * 1024
    const upload = Buffer.alloc(size)
    for (let i = 0; i < size; i++) upload[i] = (i * 7) & 0xff
    client.socket.write(upload)
    expect((await receiveBytes(stream, id!, size)).equals(upload)).toBe(true)

    const download = Buffer.alloc(size)
    for (let i = 0; i < size; i++) download[i] = (i * 13) & 0xff
    const received = readBytes(client.socket, size)
    for (let offset = 0; offset < size; offset += 64 * 1024) {
      await stream.send([id!, download.subarray(offset, offset + 64 * 1024)])
    }
    expect((await received).equals(download)).toBe(true)
  })

  it('stops reading at its receive high-water mark and resumes as the application reads', async () => {
    const stream = track(new Stream({ transports, receiveHighWaterMark: 1 }))
    await stream.bind('tcp://127.0.0.1:*')
    const client = await netClient(stream.lastEndpoint!, opened)
    const [id] = await stream.receive()
    const size = 1024 * 1024
    const upload = Buffer.alloc(size)
    for (let i = 0; i < size; i++) upload[i] = (i * 31) & 0xff
    // Small writes, so that many chunks queue up behind a paused connection.
    for (let offset = 0; offset < size; offset += 1024)
      client.socket.write(upload.subarray(offset, offset + 1024))
    expect((await receiveBytes(stream, id!, size)).equals(upload)).toBe(true)
  })

  it('talks to another Stream: both sides see raw bytes', async () => {
    const server = track(new Stream({ transports }))
    await server.bind('tcp://127.0.0.1:*')
    const client = track(new Stream({ transports }))
    client.connect(server.lastEndpoint!, { routingId: 'server' })
    expect(text(await client.receive())).toEqual(['server', ''])
    const [id, notice] = await server.receive()
    expect(notice).toEqual(Buffer.alloc(0))
    await client.send(['server', 'raw hello'])
    expect(text([(await server.receive())[1]!])).toEqual(['raw hello'])
    await server.send([id!, 'raw reply'])
    expect(text(await client.receive())).toEqual(['server', 'raw reply'])
  })

  it('connects out to a raw server with a chosen routing id', async () => {
    const server = await netServer()
    closers.push(server.close)
    const stream = track(new Stream({ transports }))
    stream.connect(server.endpoint, { routingId: 'upstream' })
    const peer = await server.accepted()
    const [id, notice] = await stream.receive()
    expect(text([id!, notice!])).toEqual(['upstream', ''])

    const reply = readBytes(peer, 5)
    await stream.send(['upstream', 'hello'])
    expect((await reply).toString()).toBe('hello')
    peer.write('world')
    expect(text(await stream.receive())).toEqual(['upstream', 'world'])

    // The server hangs up: announced, then the socket dials again and announces the new connection.
    peer.destroy()
    expect(text(await stream.receive())).toEqual(['upstream', ''])
    const again = await server.accepted()
    expect(text(await stream.receive())).toEqual(['upstream', ''])
    again.write('again')
    expect(text(await stream.receive())).toEqual(['upstream', 'again'])
  })

  it('does not dial again a connected peer it closed with an empty frame', async () => {
    const server = await netServer()
    closers.push(server.close)
    const stream = track(new Stream({ transports, reconnectInterval: 1 }))
    const events: SocketEvent['type'][] = []
    stream.events.on('disconnect', (e) => events.push(e.type))
    stream.events.on('connect:delay', (e) => events.push(e.type))
    stream.connect(server.endpoint, { routingId: 'once' })
    const peer = await server.accepted()
    const ended = new Promise<string>((resolve) => {
      const chunks: Buffer[] = []
      peer.on('data', (c: Buffer) => chunks.push(c))
      peer.on('end', () => resolve(Buffer.concat(chunks).toString()))
    })
    await stream.receive()
    const disconnected = new Promise((resolve) => stream.events.once('disconnect', resolve))
    await stream.send(['once', 'last words'])
    await stream.send(['once', ''])
    expect(await ended).toBe('last words')
    await disconnected
    // A reconnect would be scheduled in the same turn as the disconnect event.
    await new Promise((resolve) => setImmediate(resolve))
    expect(events).toEqual(['disconnect'])
  })

  it('refuses what a raw socket cannot do', async () => {
    const stream = track(new Stream({ transports }))
    await expect(stream.bind('inproc://raw')).rejects.toMatchObject({ code: 'ENOTSUP' })
    await expect(stream.bind('ws://127.0.0.1:*/x')).rejects.toMatchObject({ code: 'ENOTSUP' })
    expect(() => stream.connect('inproc://raw')).toThrow(expect.objectContaining({ code: 'ENOTSUP' }))
    await expect(stream.send(['nobody', 'x'])).rejects.toMatchObject({ code: 'EHOSTUNREACH' })
    await expect(stream.send(['only an id'])).rejects.toMatchObject({ code: 'EINVAL' })
  })
})
