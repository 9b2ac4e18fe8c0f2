import { concatBytes } from '@zmtp/core'
import { expect, it } from 'vitest'
import { connectPair, dialTo, firstDifference, listenOn, patterned, Received } from './harness.js'
import type { ContractContext } from './options.js'
import { rejection } from './rejection.js'

/** Listening, dialing, and the ends of connections and listeners. */
export function lifecycleCases({ factory, endpoints, opened }: ContractContext): void {
  it('listens on an ephemeral endpoint and reports the real one, as its own format prints it', async () => {
    const transport = factory()
    const { listener } = await listenOn(transport, endpoints.listen(), opened)
    // The reported endpoint can be connected to: no wildcard left in it.
    const real = transport.parse(listener.endpoint, 'connect')
    expect(transport.protocols).toContain(real.protocol)
    expect(transport.format(real)).toBe(listener.endpoint)
  })

  it('dials the reported endpoint; both ends are connections of the same kind', async () => {
    const transport = factory()
    const listening = await listenOn(transport, endpoints.listen(), opened)
    const { client, server } = await connectPair(transport, listening, opened)
    expect(['stream', 'message']).toContain(client.kind)
    expect(server.kind).toBe(client.kind)
    for (const connection of [client, server]) {
      expect(transport.protocols).toContain(
        connection.remoteAddress.slice(0, connection.remoteAddress.indexOf('://')),
      )
    }
  })

  it('close() flushes what was written, then closes both ends cleanly', async () => {
    const transport = factory()
    const listening = await listenOn(transport, endpoints.listen(), opened)
    const { client, server } = await connectPair(transport, listening, opened)
    const atServer = new Received(server)
    const payload = patterned(16, 64 * 1024, 3)
    client.writev(payload)
    client.close()
    // untilBytes rejects if the close overtakes the data.
    await atServer.untilBytes(16 * 64 * 1024)
    expect(firstDifference(atServer.joined(), concatBytes(payload))).toBe(-1)
    expect(await opened.closed(server)).toBeUndefined()
    expect(await opened.closed(client)).toBeUndefined()
  })

  it('destroy() closes at once with its reason, dropping what was not sent', async () => {
    const transport = factory()
    const listening = await listenOn(transport, endpoints.listen(), opened)
    const { client, server } = await connectPair(transport, listening, opened)
    const atServer = new Received(server)
    server.pause()
    const chunk = new Uint8Array(64 * 1024).fill(9)
    let written = 0
    // Past the first refusal the rest waits in user space, where only a graceful close would send it.
    let refusals = 0
    while (refusals < 32 && written < 256 * 1024 * 1024) {
      written += chunk.length
      if (!client.write(chunk)) refusals++
    }
    let closes = 0
    client.on('close', () => closes++)
    const reason = new Error('dropped on purpose')
    client.destroy(reason)
    expect(client.write(chunk)).toBe(false)
    expect(await opened.closed(client)).toBe(reason)
    server.resume()
    await opened.closed(server)
    expect(atServer.bytes).toBeLessThan(written)
    client.destroy()
    client.close()
    expect(closes).toBe(1)
  })

  it('stops accepting when its listener closes, while connections already made stay up', async () => {
    const transport = factory()
    const listening = await listenOn(transport, endpoints.listen(), opened)
    const { client, server } = await connectPair(transport, listening, opened)
    await listening.listener.close()
    const error = await rejection(dialTo(transport, listening.listener.endpoint, opened))
    expect(error).toMatchObject({ code: endpoints.refusedCode ?? 'ECONNREFUSED' })
    const atServer = new Received(server)
    const atClient = new Received(client)
    client.write(new TextEncoder().encode('still'))
    server.write(new TextEncoder().encode('here'))
    await Promise.all([atServer.untilBytes(5), atClient.untilBytes(4)])
    expect(new TextDecoder().decode(atServer.joined())).toBe('still')
    expect(new TextDecoder().decode(atClient.joined())).toBe('here')
  })
}
