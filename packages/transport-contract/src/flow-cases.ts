import { type Connection, concatBytes } from '@zmtp/core'
import { expect, it } from 'vitest'
import {
  connectPair,
  drained,
  firstDifference,
  firstDifferentMessage,
  listenOn,
  patterned,
  Received,
  turn,
} from './harness.js'
import type { ContractContext } from './options.js'

/** Octets written at most while waiting for a paused peer to fill every buffer on the way. */
const FILL_LIMIT = 256 * 1024 * 1024
const CHUNK = 64 * 1024

/** Writes `chunk` until `write` returns false; returns the octets written. Fails past {@link FILL_LIMIT}. */
function fill(connection: Connection, chunk: Uint8Array): number {
  let written = 0
  while (written < FILL_LIMIT) {
    written += chunk.length
    if (!connection.write(chunk)) return written
  }
  throw new Error(`write never returned false in ${FILL_LIMIT} octets to a paused peer`)
}

/** Data both ways, in order; pause and resume; backpressure. */
export function flowCases({ factory, endpoints, opened }: ContractContext): void {
  it('moves bytes (stream) or whole messages (message) both ways, in order', async () => {
    const transport = factory()
    const listening = await listenOn(transport, endpoints.listen(), opened)
    const { client, server } = await connectPair(transport, listening, opened)
    expect(client.kind).toBe(server.kind)
    const atServer = new Received(server)
    const atClient = new Received(client)
    const toServer = patterned(40, 1000, 1)
    const toClient = patterned(40, 700, 2)
    for (const chunk of toServer.slice(0, 20)) client.write(chunk)
    client.writev(toServer.slice(20))
    server.writev(toClient.slice(0, 20))
    for (const chunk of toClient.slice(20)) server.write(chunk)
    await Promise.all([atServer.untilBytes(40 * 1000), atClient.untilBytes(40 * 700)])
    if (client.kind === 'message') {
      expect(firstDifferentMessage(atServer.chunks, toServer)).toBe(-1)
      expect(firstDifferentMessage(atClient.chunks, toClient)).toBe(-1)
    } else {
      expect(firstDifference(atServer.joined(), concatBytes(toServer))).toBe(-1)
      expect(firstDifference(atClient.joined(), concatBytes(toClient))).toBe(-1)
    }
  })

  it('emits no data while paused and delivers what waited on resume', async () => {
    const transport = factory()
    const listening = await listenOn(transport, endpoints.listen(), opened)
    const first = await connectPair(transport, listening, opened)
    const second = await connectPair(transport, listening, opened)
    const seen = new Received(first.server)
    first.server.pause()
    first.client.write(new TextEncoder().encode('while paused'))
    // Once a later write on another connection of the same listener has arrived, the first one has
    // reached the paused end too (loopback), so silence now means pause() works.
    const barrier = new Received(second.server)
    second.client.write(new TextEncoder().encode('barrier'))
    await barrier.untilBytes(7)
    await turn()
    expect(seen.bytes).toBe(0)
    first.server.resume()
    await seen.untilBytes(12)
    expect(new TextDecoder().decode(seen.joined())).toBe('while paused')
  })

  it('returns false from write while the peer is paused, and drains only after it resumes', async () => {
    const transport = factory()
    const listening = await listenOn(transport, endpoints.listen(), opened)
    const { client, server } = await connectPair(transport, listening, opened)
    const atServer = new Received(server)
    server.pause()
    const chunk = new Uint8Array(CHUNK).fill(7)
    const written = fill(client, chunk)
    let resumed = false
    let drainedWhilePaused = false
    client.on('drain', () => {
      if (!resumed) drainedWhilePaused = true
    })
    const drain = drained(client)
    // Let every callback already due run: a drain now would be a lie, since nobody reads.
    for (let i = 0; i < 5; i++) await turn()
    resumed = true
    server.resume()
    await drain
    expect(drainedWhilePaused).toBe(false)
    await atServer.untilBytes(written)
    expect(atServer.bytes).toBe(written)
  })
}
