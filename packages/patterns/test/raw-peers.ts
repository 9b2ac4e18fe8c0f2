/**
 * Raw clients that write what a zmtp socket never would, for the robustness suites: a byte stream for
 * tcp and ipc (ZMTP by hand), and a WebSocket for ws (ZWS by hand). Each is closed after its test by
 * {@link closeRawPeers}.
 */
import { connect, type Socket as NetSocket } from 'node:net'
import { WebSocket } from 'ws'
import type { TransportCase } from './transport-cases.js'

const encoder = new TextEncoder()

/** The body of a READY command with Socket-Type `type` (as ZMTP and ZWS carry it alike). */
function readyBody(type: string): Uint8Array {
  const name = encoder.encode('Socket-Type')
  const value = encoder.encode(type)
  return Uint8Array.from([
    5,
    ...encoder.encode('READY'),
    name.length,
    ...name,
    0,
    0,
    0,
    value.length,
    ...value,
  ])
}

/** A ZMTP 3.1 greeting offering `mechanism` (as server 0). */
export function greeting(mechanism = 'NULL'): Uint8Array {
  const bytes = new Uint8Array(64)
  bytes[0] = 0xff
  bytes[9] = 0x7f
  bytes[10] = 3
  bytes[11] = 1
  bytes.set(encoder.encode(mechanism), 12)
  return bytes
}

/** READY of a peer of `type` as a ZMTP frame: flags 0x04 (short command), size, then the body. */
export function zmtpReady(type: string): Uint8Array {
  const body = readyBody(type)
  return Uint8Array.from([0x04, body.length, ...body])
}

/** READY of a peer of `type` in ZWS form: flags 0x02 (command), then the body. */
export function zwsReady(type: string): Uint8Array {
  return Uint8Array.from([0x02, ...readyBody(type)])
}

/** A raw client of any transport: what the suites shared across transports need of one. */
export interface RawPeer {
  /** Completes the handshake as a peer of `type`: greeting and READY over a stream, READY over ws. */
  ready(type: string): void
  /** Sends one data frame larger than `limit` octets. */
  oversized(limit: number): void
  /** Sends `count` empty frames with MORE set, and never the last part. */
  incomplete(count: number): void
  /** Settles once the server has closed the connection. */
  readonly closed: Promise<void>
}

const open: { close(): void }[] = []

/** Closes every raw client opened since the last call (call it from afterEach). */
export function closeRawPeers(): void {
  for (const peer of open.splice(0)) peer.close()
}

/** A raw byte stream to a tcp or ipc endpoint; it reads (and drops) what the server sends. */
export class RawStream implements RawPeer {
  readonly socket: NetSocket
  readonly connected: Promise<void>
  readonly closed: Promise<void>

  constructor(endpoint: string) {
    const url = new URL(endpoint)
    this.socket =
      url.protocol === 'ipc:'
        ? connect(endpoint.slice('ipc://'.length))
        : connect(Number(url.port), url.hostname)
    this.connected = new Promise((resolve) => this.socket.once('connect', () => resolve()))
    this.closed = new Promise((resolve) => this.socket.on('close', () => resolve()))
    this.socket.on('error', () => {})
    // Read (and ignore) what the server sends, or the socket never sees its end.
    this.socket.resume()
    open.push({ close: () => this.socket.destroy() })
  }

  /** Writes `chunks` once connected, then ends the stream if `end`. */
  write(chunks: Uint8Array[], end = false): void {
    void this.connected.then(() => {
      for (const chunk of chunks) this.socket.write(chunk)
      if (end) this.socket.end()
    })
  }

  ready(type: string): void {
    this.write([greeting(), zmtpReady(type)])
  }

  oversized(): void {
    // A frame claiming 2^62 octets: refused from its header, nothing of that size allocated.
    this.write([Uint8Array.from([0x02, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3])])
  }

  incomplete(count: number): void {
    // Each frame is two octets: flags 0x01 (MORE), size 0.
    this.write([new Uint8Array(2 * count).fill(0x01).map((v, i) => (i % 2 === 0 ? v : 0))])
  }
}

/** A plain WebSocket client offering `ZWS2.0-NULL`, speaking ZWS by hand. */
export class RawWebSocket implements RawPeer {
  readonly client: WebSocket
  readonly opened: Promise<void>
  readonly closed: Promise<void>

  constructor(endpoint: string) {
    this.client = new WebSocket(endpoint, ['ZWS2.0-NULL'])
    this.client.on('error', () => {})
    this.opened = new Promise((resolve) => this.client.once('open', () => resolve()))
    this.closed = new Promise((resolve) => this.client.on('close', () => resolve()))
    open.push({ close: () => this.client.terminate() })
  }

  ready(type: string): void {
    this.client.send(zwsReady(type))
  }

  oversized(limit: number): void {
    // A final data frame: the flags octet, then one octet more than the limit.
    this.client.send(new Uint8Array(1 + limit + 1))
  }

  incomplete(count: number): void {
    // One ZWS message per frame: the flags octet 0x01 (MORE) and no body.
    const frame = Uint8Array.of(0x01)
    for (let i = 0; i < count; i++) this.client.send(frame)
  }
}

/** A raw client of transport `t` connected to `endpoint` (resolves once connected or upgraded). */
export async function rawPeer(t: TransportCase, endpoint: string): Promise<RawPeer> {
  if (t.name === 'ws') {
    const peer = new RawWebSocket(endpoint)
    await peer.opened
    return peer
  }
  const peer = new RawStream(endpoint)
  await peer.connected
  return peer
}
