import type { Connection, StreamConnection } from '@zmtp/core'
import { describe, expect, it } from 'vitest'
import { tcp } from '../src/index.js'
import { bytes, connectPair, listen, portOf, receive, tcpAt, text, turn } from './helpers.js'

const transport = tcp()

async function pairOfPairs() {
  const listening = await listen(transport, tcpAt('127.0.0.1'))
  const endpoint = tcpAt('127.0.0.1', portOf(listening.listener.endpoint))
  const first = await connectPair(transport, listening, endpoint)
  const second = await connectPair(transport, listening, endpoint)
  return { first, second }
}

function count(connection: Connection): { bytes: number } {
  const seen = { bytes: 0 }
  connection.on('data', (chunk) => {
    seen.bytes += chunk.length
  })
  return seen
}

describe('flow control', () => {
  it('pause stops data events and resume delivers what waited', async () => {
    const { first, second } = await pairOfPairs()
    const seen = count(first.server)
    first.server.pause()
    first.client.write(bytes('while paused'))
    // Loopback sends complete synchronously, so once a later write on another connection has been
    // delivered, the first one has reached the paused socket too.
    const barrier = receive(second.server, 7)
    second.client.write(bytes('barrier'))
    await barrier
    await turn()
    expect(seen.bytes).toBe(0)

    const received = receive(first.server, 12)
    first.server.resume()
    expect(text(await received)).toBe('while paused')
  })

  it('holds data that arrives before anyone listens', async () => {
    const { first, second } = await pairOfPairs()
    first.client.write(bytes('early'))
    const barrier = receive(second.server, 1)
    second.client.write(bytes('b'))
    await barrier
    await turn()
    expect(text(await receive(first.server, 5))).toBe('early')
  })

  it('write returns false against a paused peer and drain follows its resume', async () => {
    const { first } = await pairOfPairs()
    const { client, server } = first
    const seen = count(server)
    server.pause()

    const chunk = new Uint8Array(64 * 1024).fill(7)
    let written = 0
    // Kernel buffers on loopback hold a few MiB; the cap only guards against a runaway loop.
    while (written < 512 * 1024 * 1024) {
      written += chunk.length
      if (!client.write(chunk)) break
    }
    expect(written).toBeLessThan(512 * 1024 * 1024)

    const drained = new Promise<void>((resolve) => client.on('drain', resolve))
    const all = new Promise<void>((resolve) =>
      server.on('data', () => {
        if (seen.bytes === written) resolve()
      }),
    )
    server.resume()
    await drained
    await all
    expect(seen.bytes).toBe(written)
  })

  it('writes of several chunks in one tick leave together and report full only past a few large ones', async () => {
    const { first } = await pairOfPairs()
    const { client, server } = first
    const stream = client as StreamConnection
    const header = new Uint8Array(9)
    const body = new Uint8Array(64 * 1024)
    const sent: Uint8Array[] = []
    let accepted = 0
    for (let i = 0; i < 64; i++) {
      const part = body.slice().fill(i)
      header.fill(i)
      sent.push(header.slice(), part)
      accepted++
      if (!stream.writev([header.slice(), part])) break
    }
    // Node's own mark (16 KiB on Node 20) would have reported the first 64 KiB message full.
    expect(accepted).toBeGreaterThan(1)
    expect(accepted).toBeLessThan(64)
    const total = sent.reduce((sum, part) => sum + part.length, 0)
    const received: Uint8Array[] = []
    let length = 0
    const all = new Promise<void>((resolve) =>
      server.on('data', (chunk) => {
        received.push(chunk.slice())
        length += chunk.length
        if (length === total) resolve()
      }),
    )
    await new Promise<void>((resolve) => client.on('drain', resolve))
    await all
    expect(Buffer.compare(Buffer.concat(received), Buffer.concat(sent))).toBe(0)
  })

  it('close after pause still completes', async () => {
    const { first } = await pairOfPairs()
    first.server.pause()
    first.client.write(new Uint8Array(256 * 1024))
    const bothClosed = Promise.all([
      new Promise((resolve) => first.server.on('close', resolve)),
      new Promise((resolve) => first.client.on('close', resolve)),
    ])
    first.client.close()
    first.server.close()
    await bothClosed
  })
})
