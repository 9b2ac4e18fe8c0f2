import type { Endpoint, PeerInfo, Transport } from '@zmtp/core'
import { transportOptionsOf } from './connection-options.js'
import type { Outgoing, SocketHost } from './host.js'
import type { Pipe } from './pipe.js'
import { handshakeEvent, reportSessionEnd, stopsReconnecting } from './session-events.js'
import { openSession, type PeerSession } from './session-factory.js'

/**
 * The connecting side of one `connect()`: dials, runs a session, and redials after failures with
 * libzmq's timing (the interval plus random jitter, or doubling up to the maximum). Unless `immediate`
 * is set, its pipe is created at once and survives reconnects, so messages sent while disconnected
 * wait in it and leave after the next handshake.
 */
export class Connecter implements Outgoing {
  #pipe: Pipe | null = null
  #session: PeerSession | null = null
  #abort: AbortController | null = null
  #timer: ReturnType<typeof setTimeout> | undefined
  #stopped = false
  #backoff = 0

  constructor(
    readonly host: SocketHost,
    readonly address: string,
    readonly endpoint: Endpoint,
    readonly transport: Transport,
  ) {}

  start(): void {
    if (!this.host.options.immediate) this.#pipe = this.host.addPipe(this.address)
    this.#dial()
  }

  /** Stops for good; the open connection closes once its queue has left, within `linger` ms. */
  stop(linger: number): void {
    if (this.#stopped) return
    this.#stopped = true
    clearTimeout(this.#timer)
    this.#abort?.abort()
    const session = this.#session
    this.#session = null
    if (session) session.closeWhenIdle(linger)
    else this.#pipe?.terminate()
  }

  #dial(): void {
    if (this.#stopped) return
    const abort = new AbortController()
    this.#abort = abort
    const host = this.host
    this.transport
      .dial(this.endpoint, {
        ...transportOptionsOf(host.options),
        signal: abort.signal,
      })
      .then(
        (connection) => {
          if (this.#stopped) {
            connection.destroy()
            return
          }
          host.emit({ type: 'connect', address: this.address })
          const session = openSession(host, connection, {
            handshake: (_session, peer) => this.#onHandshake(peer),
            closed: (closed, error, handshaken) => this.#onClosed(closed, error, handshaken),
          })
          this.#session = session
          session.start()
        },
        (error: Error) => {
          if (this.#stopped) return
          this.#retry(error)
        },
      )
  }

  #onHandshake(peer: PeerInfo): Pipe | null {
    const host = this.host
    if (!host.acceptsPeer(peer, this.#pipe)) return null
    this.#backoff = 0
    if (!this.#pipe) this.#pipe = host.addPipe(this.address)
    host.emit(handshakeEvent(this.address, peer))
    return this.#pipe
  }

  #onClosed(session: PeerSession, error: Error | undefined, handshaken: boolean): void {
    if (this.#session === session) this.#session = null
    reportSessionEnd(this.host, this.address, error, handshaken)
    // A Stream socket closed this raw peer on purpose: as libzmq, its endpoint ends there.
    if (session.endsEndpoint) this.#stopped = true
    if (this.host.options.immediate && this.#pipe) {
      this.#pipe.terminate()
      this.#pipe = null
    }
    if (this.#stopped) {
      this.#pipe?.terminate()
      return
    }
    if (stopsReconnecting(error)) {
      // As libzmq: a protocol error ends this endpoint; its queued messages go with it.
      this.#stopped = true
      this.#pipe?.terminate()
      return
    }
    this.#retry(error)
  }

  #retry(error: Error | undefined): void {
    const interval = this.#nextInterval()
    if (interval < 0) {
      this.#stopped = true
      this.#pipe?.terminate()
      return
    }
    this.host.emit({ type: 'connect:delay', address: this.address, interval, error })
    this.#timer = setTimeout(() => {
      this.host.emit({ type: 'connect:retry', address: this.address, interval })
      this.#dial()
    }, interval)
  }

  /** libzmq's reconnect timing; -1 when reconnecting is off. */
  #nextInterval(): number {
    const base = this.host.options.reconnectInterval
    if (base < 0) return -1
    const max = this.host.options.reconnectMaxInterval
    if (max > 0) {
      const interval = Math.min(max, base * 2 ** this.#backoff)
      if (interval < max) this.#backoff++
      return interval
    }
    return base + Math.floor(Math.random() * (base + 1))
  }
}
