import { type Endpoint, type PeerInfo, type Transport, unrefTimer } from '@zmtp/core'
import { transportOptionsOf } from './connection-options.js'
import type { Outgoing, SocketHost } from './host.js'
import { holdProcess } from './lifetime.js'
import type { Pipe } from './pipe.js'
import { handshakeEvent, reportSessionEnd, stopsReconnecting } from './session-events.js'
import { openSession, type PeerSession, type PeerSessionEvents } from './session-factory.js'

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
  /** Whether the current session finished its handshake and carries the pipe. */
  #connected = false
  #backoff = 0
  /**
   * Set while a stopped connecter still dials so that queued messages reach a peer that is not up yet
   * (ZMQ_LINGER): when that time runs out (-1: never), and what lets the process go afterwards.
   */
  #linger: { deadline: number; timer?: ReturnType<typeof setTimeout>; release: () => void } | null = null

  /** What each session reports to: made once, not again for every connection. */
  readonly #events: PeerSessionEvents = {
    handshake: (_session, peer) => this.#onHandshake(peer),
    closed: (closed, error, handshaken) => this.#onClosed(closed, error, handshaken),
  }

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
    const session = this.#session
    if (!this.#connected && linger !== 0 && (this.#pipe?.outbound.length ?? 0) > 0) {
      // Not connected, messages queued: keep dialing until they leave or the linger runs out, as libzmq.
      this.#lingerFor(linger)
      return
    }
    clearTimeout(this.#timer)
    this.#abort?.abort()
    this.#session = null
    if (session) session.closeWhenIdle(linger)
    else this.#pipe?.terminate()
  }

  #lingerFor(linger: number): void {
    const release = holdProcess()
    this.#linger = { deadline: linger > 0 ? Date.now() + linger : -1, release }
    if (linger > 0) this.#linger.timer = setTimeout(() => this.#endLinger(), linger)
  }

  /** The lingering is over (messages left, or time ran out): what is still queued is dropped. */
  #endLinger(): void {
    const linger = this.#linger
    if (!linger) return
    this.#linger = null
    clearTimeout(linger.timer)
    clearTimeout(this.#timer)
    this.#abort?.abort()
    const session = this.#session
    this.#session = null
    session?.closeWhenIdle(0)
    this.#pipe?.terminate()
    linger.release()
  }

  /** Whether this connecter is done: stopped, and not dialing on for queued messages. */
  get #finished(): boolean {
    return this.#stopped && this.#linger === null
  }

  #dial(): void {
    if (this.#finished) return
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
          if (this.#finished) {
            connection.destroy()
            return
          }
          host.emit({ type: 'connect', address: this.address })
          const session = openSession(host, connection, this.#events)
          this.#session = session
          session.start()
        },
        (error: Error) => {
          if (this.#finished) return
          this.#retry(error)
        },
      )
  }

  #onHandshake(peer: PeerInfo): Pipe | null {
    const host = this.host
    const linger = this.#linger
    if (linger && this.#pipe) {
      // Stopped while waiting for this peer: it takes the queue, then the connection closes.
      const session = this.#session
      const left = linger.deadline < 0 ? -1 : Math.max(1, linger.deadline - Date.now())
      queueMicrotask(() => {
        session?.closeWhenIdle(left)
        this.#endLingerWhenClosed()
      })
      this.#connected = true
      return this.#pipe
    }
    if (!host.acceptsPeer(peer, this.#pipe)) return null
    this.#connected = true
    this.#backoff = 0
    if (!this.#pipe) this.#pipe = host.addPipe(this.address)
    host.emit(handshakeEvent(this.address, peer))
    return this.#pipe
  }

  /** The session now carries the queue and holds the process itself while it lingers. */
  #endLingerWhenClosed(): void {
    const linger = this.#linger
    if (!linger) return
    this.#linger = null
    clearTimeout(linger.timer)
    linger.release()
  }

  #onClosed(session: PeerSession, error: Error | undefined, handshaken: boolean): void {
    if (this.#session === session) {
      this.#session = null
      this.#connected = false
    }
    reportSessionEnd(this.host, this.address, error, handshaken)
    if (this.#linger) {
      if (stopsReconnecting(error) || (this.#pipe?.outbound.length ?? 0) === 0) this.#endLinger()
      else this.#retry(error)
      return
    }
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
      if (this.#linger) this.#endLinger()
      this.#pipe?.terminate()
      return
    }
    this.host.emit({ type: 'connect:delay', address: this.address, interval, error })
    this.#timer = setTimeout(() => {
      this.host.emit({ type: 'connect:retry', address: this.address, interval })
      this.#dial()
    }, interval)
    // Waiting to reconnect does not keep the process alive; a pending send or receive does (lifetime.ts).
    unrefTimer(this.#timer)
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
