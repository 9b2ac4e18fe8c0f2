import { createServer, type Server, Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { adoptOwnedReads } from '../src/adopt-reads.js'
import { OwnedReads } from '../src/owned-reads.js'

let server: Server | undefined
const sockets: Socket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

/** One accepted socket, paused as the tcp listener accepts them, and the client that dialled it. */
async function acceptedPair(): Promise<{ accepted: Socket; client: Socket }> {
  const accepting = createServer({ pauseOnConnect: true })
  server = accepting
  const arrived = new Promise<Socket>((resolve) => accepting.once('connection', resolve))
  await new Promise<void>((resolve) => accepting.listen(0, '127.0.0.1', resolve))
  const { port } = accepting.address() as { port: number }
  const client = new Socket()
  sockets.push(client)
  client.connect(port, '127.0.0.1')
  const accepted = await arrived
  sockets.push(accepted)
  return { accepted, client }
}

describe('adoptOwnedReads', () => {
  it('makes an accepted socket read through the OwnedReads, in place', async () => {
    const { accepted, client } = await acceptedPair()
    const reads = new OwnedReads()
    const callback = reads.options.callback
    let readThrough = 0
    reads.options.callback = (nread, buffer) => {
      readThrough += nread
      return callback(nread, buffer)
    }
    expect(adoptOwnedReads(accepted, reads)).toBe(true)
    const sent = Buffer.from('hello through onread')
    const got = await new Promise<Uint8Array>((resolve) => {
      reads.listen(resolve)
      client.write(sent)
    })
    expect(Buffer.from(got).equals(sent)).toBe(true)
    expect(readThrough).toBe(sent.length)
  })

  it('leaves a socket alone whose onread is already set', async () => {
    const { accepted } = await acceptedPair()
    expect(adoptOwnedReads(accepted, new OwnedReads())).toBe(true)
    expect(adoptOwnedReads(accepted, new OwnedReads())).toBe(false)
  })
})
