/**
 * Plain Node `net` peers for the Stream tests: a client that collects what it is sent until the server
 * ends the connection, and a server that hands over each connection it accepts.
 */
import { once } from 'node:events'
import { type AddressInfo, connect, createServer, type Socket as NetSocket, type Server } from 'node:net'

/** Where a bound Stream listens, as `net.connect` options. */
export function netTarget(endpoint: string): { host: string; port: number } | { path: string } {
  const tcp = /^tcp:\/\/([^:]+):(\d+)$/.exec(endpoint)
  if (tcp) return { host: tcp[1]!, port: Number(tcp[2]) }
  return { path: endpoint.slice('ipc://'.length) }
}

/** A connected `net` client, closed by `cleanup`, with everything it received once the peer ends. */
export async function netClient(endpoint: string, opened: NetSocket[]) {
  const socket = connect(netTarget(endpoint))
  opened.push(socket)
  const chunks: Buffer[] = []
  socket.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = once(socket, 'end').then(() => Buffer.concat(chunks))
  await once(socket, 'connect')
  return { socket, ended }
}

/** A listening `net` server on an ephemeral port; each accepted connection is queued for `accepted()`. */
export async function netServer() {
  const waiting: NetSocket[] = []
  const wanted: ((socket: NetSocket) => void)[] = []
  const server: Server = createServer((socket) => {
    const next = wanted.shift()
    if (next) next(socket)
    else waiting.push(socket)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const all: NetSocket[] = []
  return {
    endpoint: `tcp://127.0.0.1:${port}`,
    /** Resolves with the next connection accepted. */
    accepted(): Promise<NetSocket> {
      const ready = waiting.shift()
      const socket = ready
        ? Promise.resolve(ready)
        : new Promise<NetSocket>((resolve) => {
            wanted.push(resolve)
          })
      return socket.then((s) => {
        all.push(s)
        return s
      })
    },
    async close(): Promise<void> {
      for (const socket of [...waiting, ...all]) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Resolves with the bytes `socket` receives until they hold `length` octets. */
export function readBytes(socket: NetSocket, length: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let total = 0
    const onData = (chunk: Buffer) => {
      chunks.push(chunk)
      total += chunk.length
      if (total >= length) {
        socket.off('data', onData)
        resolve(Buffer.concat(chunks))
      }
    }
    socket.on('data', onData)
  })
}
