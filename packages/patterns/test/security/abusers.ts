/**
 * Clients that misbehave during a PLAIN or CURVE handshake, over a byte stream (ZMTP by hand) or a
 * WebSocket (ZWS by hand, offering the token-safe subprotocol of the mechanism).
 */
import { WebSocket } from 'ws'
import { greeting, RawStream } from '../raw-peers.js'
import type { TransportCase } from '../transport-cases.js'

const encoder = new TextEncoder()

/** A HELLO command too short to be one: the name and four octets. */
const SHORT_HELLO = Uint8Array.from([5, ...encoder.encode('HELLO'), 1, 2, 3, 4])

export interface Abuser {
  /** Completes the greeting (or the upgrade), then sends a malformed HELLO. */
  garbage(): void
  /** Completes the greeting (or the upgrade), then says nothing. */
  silent(): void
  /** Settles once the server has closed the connection. */
  readonly closed: Promise<void>
  close(): void
}

export function abuser(t: TransportCase, endpoint: string, mechanism: string): Abuser {
  if (t.name === 'ws') {
    const client = new WebSocket(endpoint, [`ZWS2.0-${mechanism}`])
    client.on('error', () => {})
    const opened = new Promise<void>((resolve) => client.once('open', () => resolve()))
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()))
    return {
      garbage: () => void opened.then(() => client.send(Uint8Array.from([0x02, ...SHORT_HELLO]))),
      silent: () => {},
      closed,
      close: () => client.terminate(),
    }
  }
  const stream = new RawStream(endpoint)
  return {
    garbage: () =>
      stream.write([greeting(mechanism), Uint8Array.from([0x04, SHORT_HELLO.length, ...SHORT_HELLO])]),
    silent: () => stream.write([greeting(mechanism)]),
    closed: stream.closed,
    close: () => stream.socket.destroy(),
  }
}
