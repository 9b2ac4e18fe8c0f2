import type { Connection } from '@zmtp/core'
import { expect, it } from 'vitest'
import { type Signaling, webrtc } from '../src/index.js'
import { MemoryHub } from './support/memory-signaling.js'

/** The chunks `connection` delivers, joined, once there are at least `size` octets. */
function received(connection: Connection, size: number): Promise<number[]> {
  return new Promise((resolve) => {
    const octets: number[] = []
    connection.on('data', (chunk: Uint8Array) => {
      octets.push(...chunk)
      if (octets.length >= size) resolve(octets)
    })
  })
}

/**
 * The dialer's data channel opens as soon as it has the answer, and it sends its ZMTP greeting at once; the
 * listener may not have heard back from the signaling server about that answer yet. A data channel drops
 * what arrives while nobody listens, so the listener must take the channel as it opens, not once the
 * answer is acknowledged (the lost greeting failed the handshake, and the dialer had to connect again).
 */
it('the listener takes the channel as it opens: what the dialer sends first arrives, the answer still unacknowledged', async () => {
  const hub = new MemoryHub()
  const direct = hub.client()
  let acknowledge!: () => void
  const acknowledged = new Promise<void>((resolve) => {
    acknowledge = resolve
  })
  // The listener's answer reaches the dialer at once; its acknowledgement waits until the test releases it.
  const slowAcknowledgements: Signaling = {
    announce: (id, onSignal) => direct.announce(id, onSignal),
    async send(signal) {
      await direct.send(signal)
      if (signal.kind === 'answer') await acknowledged
    },
  }
  const server = webrtc({ signaling: slowAcknowledgements })
  const client = webrtc({ signaling: hub.client() })
  let accept!: (connection: Connection) => void
  const accepted = new Promise<Connection>((resolve) => {
    accept = resolve
  })
  const listener = await server.listen(server.parse('webrtc://*', 'bind'), {
    mechanism: 'NULL',
    onConnection: (connection) => accept(connection),
  })
  try {
    const dialed = await client.dial(client.parse(listener.endpoint, 'connect'), { mechanism: 'NULL' })
    // Sent the moment the dialer's channel is open, as its greeting is.
    dialed.write(new Uint8Array([0xff, 1, 2, 3]))
    const connection = await accepted
    expect(await received(connection, 4)).toEqual([0xff, 1, 2, 3])
    dialed.destroy()
    connection.destroy()
  } finally {
    acknowledge()
    await listener.close()
  }
})
