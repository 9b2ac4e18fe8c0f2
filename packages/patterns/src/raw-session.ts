import { type Connection, EMPTY, ErrorCode, type PeerInfo, SocketError } from '@zmtp/core'
import { holdProcess } from './lifetime.js'
import type { Carrier, Pipe } from './pipe.js'
import type { PeerSession, PeerSessionEvents } from './session-factory.js'

/**
 * What a raw peer is known as: it sends no greeting, so nothing about it is known but its address.
 * `mechanism` is NULL as for inproc, which runs none either.
 */
const RAW_PEER: PeerInfo = {
  routingId: EMPTY,
  metadata: new Map(),
  minor: 0,
  mechanism: 'NULL',
}

/**
 * One connection of a `STREAM` socket (libzmq's raw engine): no greeting, no framing. Every chunk the
 * transport delivers becomes a one-part message in the pipe; every outbound message is written as its
 * parts' bytes. An empty message in the pipe marks the peer connecting or going away (ZMQ_STREAM_NOTIFY:
 * the socket turns it into `[routing id, empty]`); a zero-part outbound message is the socket's request to
 * close the connection once what was queued before it has been written.
 */
export class RawSession implements Carrier, PeerSession {
  #pipe: Pipe | null = null
  #writable = true
  #pulling = false
  #closed = false
  #started = false
  #lingering = false
  #lingerTimer: ReturnType<typeof setTimeout> | undefined
  /** Lets the process go once a lingering close is over (see lifetime.ts). */
  #releaseLinger: (() => void) | undefined
  #endsEndpoint = false

  constructor(
    readonly connection: Connection,
    readonly events: PeerSessionEvents,
  ) {
    connection.on('data', (chunk) => {
      // A connection closed gracefully may still bring data until its end: nobody wants it now.
      if (!this.#closed) this.#pipe?.deliver([chunk])
    })
    connection.on('drain', () => {
      this.#writable = true
      this.pull()
    })
    connection.on('close', (error) => this.#onClose(error, true))
  }

  get pipe(): Pipe | null {
    return this.#pipe
  }

  /** True once the socket closed this peer on purpose: a connecter must not dial it again. */
  get endsEndpoint(): boolean {
    return this.#endsEndpoint
  }

  start(): void {
    if (this.connection.kind !== 'stream') {
      // A message transport (WebSocket) would wrap each write in its own framing: not raw bytes.
      this.destroy(
        new SocketError(ErrorCode.NotSupported, 'a Stream socket needs a byte-stream transport (tcp, ipc)'),
      )
      return
    }
    const pipe = this.events.handshake(this, RAW_PEER)
    if (!pipe || pipe.terminated) {
      // A connecting socket's peer closed by the socket while it was between attempts ends here.
      this.#endsEndpoint = pipe !== null
      this.close()
      return
    }
    // A connect listener that closed the socket closed this session too, before the pipe was ours to end.
    if (this.#closed) {
      pipe.terminate()
      return
    }
    this.#started = true
    this.#pipe = pipe
    pipe.attach(this, RAW_PEER)
    if (!this.#closed) pipe.deliver([EMPTY])
  }

  pull(): void {
    const pipe = this.#pipe
    if (this.#pulling || !pipe || this.#closed) return
    this.#pulling = true
    try {
      while (this.#writable) {
        const message = pipe.takeOutbound()
        if (message === undefined) break
        if (message.length === 0) {
          this.#endsEndpoint = true
          pipe.terminate()
          return
        }
        this.#writable =
          message.length === 1 ? this.connection.write(message[0]!) : this.connection.writev(message)
      }
    } finally {
      this.#pulling = false
    }
    if (this.#lingering && pipe.outbound.length === 0) this.close()
  }

  sendSubscription(): void {
    // A raw peer has no subscriptions; a Stream socket never sends any.
  }

  setReading(reading: boolean): void {
    if (this.#closed) return
    if (reading) this.connection.resume()
    else this.connection.pause()
  }

  /** Writes what the transport holds, then closes. */
  close(): void {
    if (this.#closed) return
    this.connection.close()
    this.#onClose(undefined, false)
  }

  /** Closes at once, dropping unsent data. */
  destroy(error?: Error): void {
    if (this.#closed) return
    this.connection.destroy(error)
    this.#onClose(error, false)
  }

  closeWhenIdle(linger: number): void {
    if (this.#closed) return
    const idle = this.#pipe === null || this.#pipe.outbound.length === 0
    if (linger === 0 || idle) {
      if (linger === 0) this.destroy()
      else this.close()
      return
    }
    this.#lingering = true
    // Queued messages still leaving keep the process alive, as a closing zeromq.js socket does.
    this.#releaseLinger = holdProcess()
    if (linger > 0) this.#lingerTimer = setTimeout(() => this.destroy(), linger)
  }

  /** `byPeer`: the transport reported the end (the peer closed, or the connection failed). */
  #onClose(error: Error | undefined, byPeer: boolean): void {
    if (this.#closed) return
    this.#closed = true
    if (this.#lingerTimer !== undefined) clearTimeout(this.#lingerTimer)
    this.#releaseLinger?.()
    const pipe = this.#pipe
    // As libzmq's raw engine: a connection that ends on the peer's side is announced by an empty message.
    if (byPeer && pipe && !pipe.terminated) pipe.deliver([EMPTY])
    pipe?.detach(this)
    this.events.closed(this, error, this.#started)
  }
}
