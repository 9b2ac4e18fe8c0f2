import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import type { Framing } from './wire.js'

/** Host and port of `tcp://h:p` or `ws://h:p/path`, and the path. */
export function parseAddress(endpoint: string): { host: string; port: number; path: string } {
  const url = new URL(endpoint.replace(/^tcp:/, 'http:').replace(/^ws:/, 'http:'))
  return { host: url.hostname, port: Number(url.port), path: url.pathname || '/' }
}

/** A plain TCP connection whose errors (resets by the server) are expected and swallowed. */
export function rawConnect(endpoint: string): Promise<Socket> {
  const { host, port } = parseAddress(endpoint)
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port })
    socket.on('error', () => {})
    socket.once('connect', () => resolve(socket))
    socket.once('close', () => reject(new Error(`connection to ${endpoint} closed before it opened`)))
  })
}

/** The RFC 6455 upgrade request of a ZWS 2.0 client asking for `ZWS2.0/NULL`. */
export function upgradeRequest(endpoint: string): string {
  const { host, port, path } = parseAddress(endpoint)
  return [
    `GET ${path} HTTP/1.1`,
    `Host: ${host}:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    // Hand-rolled so that libzmq's name with a `/` can be offered (the `ws` client refuses it).
    'Sec-WebSocket-Protocol: ZWS2.0/NULL',
    '',
    '',
  ].join('\r\n')
}

/**
 * Opens a connection ready for frames: plain TCP, or TCP after a WebSocket upgrade (resolves once the
 * 101 arrived). Frames are then written with {@link frameBytes}.
 */
export async function openRaw(framing: Framing, endpoint: string): Promise<Socket> {
  const socket = await rawConnect(endpoint)
  if (framing === 'tcp') return socket
  socket.write(upgradeRequest(endpoint))
  await new Promise<void>((resolve, reject) => {
    let head = ''
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1')
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      socket.off('data', onData)
      socket.pause()
      if (head.startsWith('HTTP/1.1 101')) resolve()
      else reject(new Error(`upgrade refused: ${head.slice(0, head.indexOf('\r\n'))}`))
    }
    socket.on('data', onData)
    socket.once('close', () => reject(new Error('closed during the upgrade')))
  })
  return socket
}

/**
 * A frame as the attacker writes it: ZMTP bytes as they are, or a ZWS message in a binary WebSocket
 * frame, masked (clients must) with the all-zero key so the payload goes unchanged.
 */
export function frameBytes(framing: Framing, frame: Uint8Array): Uint8Array {
  if (framing === 'tcp') return frame
  const length = frame.length
  const headerSize = length < 126 ? 2 : length < 0x1_0000 ? 4 : 10
  const out = new Uint8Array(headerSize + 4 + length)
  out[0] = 0x82
  if (length < 126) {
    out[1] = 0x80 | length
  } else if (length < 0x1_0000) {
    out[1] = 0x80 | 126
    out[2] = length >>> 8
    out[3] = length & 0xff
  } else {
    out[1] = 0x80 | 127
    new DataView(out.buffer).setBigUint64(2, BigInt(length))
  }
  out.set(frame, headerSize + 4)
  return out
}

/**
 * Writes `chunks` in order, waiting for `drain` whenever the socket is full, until `deadline` (epoch ms).
 * Returns the octets handed to the socket: less than all when the server stopped reading (which a
 * server that applies backpressure to a flooding peer should do) or closed the connection.
 */
export async function writeUntil(
  socket: Socket,
  chunks: Iterable<Uint8Array>,
  deadline: number,
): Promise<number> {
  let written = 0
  for (const chunk of chunks) {
    if (socket.destroyed || Date.now() > deadline) break
    written += chunk.length
    if (!socket.write(chunk)) {
      const drained = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => done(false), Math.max(0, deadline - Date.now()))
        const done = (value: boolean) => {
          clearTimeout(timer)
          socket.off('drain', onDrain)
          socket.off('close', onClose)
          resolve(value)
        }
        const onDrain = () => done(true)
        const onClose = () => done(false)
        socket.once('drain', onDrain)
        socket.once('close', onClose)
      })
      if (!drained) break
    }
  }
  return written
}

/** Repeats `unit` (a batch of frames already concatenated) `count` times, lazily. */
export function* repeat(unit: Uint8Array, count: number): Generator<Uint8Array> {
  for (let i = 0; i < count; i++) yield unit
}

/** Concatenates frames into one buffer, so a flood is written in large chunks. */
export function batch(frames: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(frames)
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
