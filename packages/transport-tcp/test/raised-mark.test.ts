// In a file of its own: the stream mark set here is process-wide (each test file runs in its own worker).
import { setDefaultHighWaterMark } from 'node:stream'
import type { StreamConnection } from '@zmtp/core'
import { describe, expect, it } from 'vitest'
import { tcp } from '../src/index.js'
import { connectPair, listen, portOf, tcpAt } from './helpers.js'

describe('writes of several chunks, with the stream mark raised above the connection’s own', () => {
  it('reports full only with a drain to come', async () => {
    // An application may raise Node's default mark; the connection's 256 KiB must then still be followed
    // by a drain once it reports full, or the engine would wait for one forever.
    setDefaultHighWaterMark(false, 1024 * 1024)
    const transport = tcp()
    const listening = await listen(transport, tcpAt('127.0.0.1'))
    const { client, server } = await connectPair(
      transport,
      listening,
      tcpAt('127.0.0.1', portOf(listening.listener.endpoint)),
    )
    const stream = client as StreamConnection
    server.pause()
    let full = false
    for (let i = 0; i < 64 && !full; i++)
      full = !stream.writev([new Uint8Array(9), new Uint8Array(64 * 1024)])
    expect(full).toBe(true)
    const drained = new Promise<void>((resolve) => client.on('drain', resolve))
    server.on('data', () => {})
    server.resume()
    await drained
  })
})
