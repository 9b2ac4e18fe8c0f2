import type { Connection } from '@zmtp/core'
import { expect, it } from 'vitest'
import { webrtc } from '../src/index.js'
import { countingPeerConnection } from './support/counting-peer.js'
import { MemoryHub } from './support/memory-signaling.js'

const CYCLES = 1000
const PARALLEL = 8

/** Resolves when `connection` closes; listen at once, so a close that comes early is not missed. */
function closed(connection: Connection): Promise<void> {
  return new Promise((resolve) => connection.on('close', () => resolve()))
}

/** Waits for `done`, or gives up after `ms` so that an assertion after it can report what is wrong. */
async function waitAtMost(done: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}

it(`closes every RTCPeerConnection over ${CYCLES} connect/close cycles`, async () => {
  const counting = countingPeerConnection()
  const hub = new MemoryHub()
  const transport = webrtc({ signaling: hub.client(), RTCPeerConnection: counting.PeerConnection })
  // Accepted connections by the dialer's address, so each client meets its own server end.
  const accepted = new Map<string, { connection: Connection; closed: Promise<void> }>()
  const waiting = new Map<string, () => void>()
  const allClosed: Promise<void>[] = []
  const listener = await transport.listen(transport.parse('webrtc://*', 'bind'), {
    mechanism: 'NULL',
    onConnection: (connection) => {
      const entry = { connection, closed: closed(connection) }
      allClosed.push(entry.closed)
      accepted.set(connection.remoteAddress, entry)
      waiting.get(connection.remoteAddress)?.()
    },
  })
  const endpoint = transport.parse(listener.endpoint, 'connect')
  const serverEnd = (address: string) =>
    new Promise<{ connection: Connection; closed: Promise<void> }>((resolve) => {
      const take = () => {
        const entry = accepted.get(address)
        if (!entry) return false
        accepted.delete(address)
        waiting.delete(address)
        resolve(entry)
        return true
      }
      if (!take()) waiting.set(address, take)
    })

  let started = 0
  const worker = async () => {
    while (started < CYCLES) {
      const cycle = ++started
      const client = await transport.dial(endpoint, { mechanism: 'NULL' })
      const clientClosed = closed(client)
      const server = await serverEnd(client.localAddress!)
      // Alternate which side ends it, and how.
      if (cycle % 2 === 0) client.close()
      else server.connection.destroy()
      await Promise.all([clientClosed, server.closed])
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
  await listener.close()
  await Promise.all(allClosed)
  // A connection reports its close at once; its peer connection closes once the data channel has
  // reported its own (at most 1 s later). A leak leaves one open and the bounded wait runs out.
  await waitAtMost(counting.allClosed(), 5_000)
  // Attempts that negotiation retried made extra peer connections; every one of them is closed.
  expect(counting.made()).toBeGreaterThanOrEqual(2 * CYCLES)
  expect(counting.open()).toBe(0)
  expect(hub.size).toBe(0)
}, 600_000)
