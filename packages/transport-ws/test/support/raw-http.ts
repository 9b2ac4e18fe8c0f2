import { createHash, randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'

export interface RawResponse {
  /** The status line, such as `HTTP/1.1 101 Switching Protocols`. */
  status: string
  /** Header names in lower case. */
  headers: Record<string, string>
  /** The expected `Sec-WebSocket-Accept` for the key we sent. */
  expectedAccept: string
  socket: Socket
}

/** Writes `request` to 127.0.0.1:port and resolves with the HTTP response head, or null if closed first. */
export function rawExchange(port: number, request: string | Uint8Array): Promise<RawResponse | null> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port })
    let received = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      received += chunk
      const end = received.indexOf('\r\n\r\n')
      if (end < 0) return
      socket.removeAllListeners('data')
      const [status, ...lines] = received.slice(0, end).split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of lines) {
        const colon = line.indexOf(':')
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
      }
      resolve({ status: status!, headers, expectedAccept: '', socket })
    })
    socket.on('close', () => resolve(null))
    socket.on('error', reject)
    socket.write(request)
  })
}

/**
 * Sends a WebSocket upgrade the way libzmq writes it (Host without port, no Origin) unless headers
 * say otherwise, and resolves with the response head.
 */
export async function rawUpgrade(
  port: number,
  path: string,
  headers: Record<string, string | undefined>,
): Promise<RawResponse | null> {
  const key = randomBytes(16).toString('base64')
  const all: Record<string, string | undefined> = {
    Host: '127.0.0.1',
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': key,
    'Sec-WebSocket-Version': '13',
    ...headers,
  }
  const lines = Object.entries(all)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}: ${value}`)
  const response = await rawExchange(port, `GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`)
  if (response) {
    response.expectedAccept = createHash('sha1')
      .update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64')
  }
  return response
}
