import type { Connection, Endpoint, Listener, Transport } from '@zmtp/core'
import { transportOptionsOf } from './connection-options.js'
import type { Incoming, SocketHost } from './host.js'
import { holdProcess } from './lifetime.js'
import { handshakeEvent, reportSessionEnd } from './session-events.js'
import { openSession, type PeerSession, type PeerSessionEvents } from './session-factory.js'

/**
 * The listening side of one `bind()`: a transport listener, and a session for every connection it
 * accepts. A peer joins the socket (gets a pipe) once its handshake is done and the socket accepts it;
 * its pipe goes when its connection does (accepted peers are not reconnected to).
 */
export class Acceptor implements Incoming {
  readonly #sessions = new Set<PeerSession>()
  // Set by `listen`, the only way to make an acceptor.
  #listener!: Listener

  /**
   * What every session of this acceptor reports to: one object for all of them, since what it needs of
   * each (its connection, its pipe) the session holds. An object and two closures per connection kept
   * about 230 bytes for the connection's life.
   */
  readonly #events: PeerSessionEvents = {
    handshake: (session, peer) => {
      const host = this.host
      if (!host.acceptsPeer(peer)) return null
      const pipe = host.addPipe(session.connection.remoteAddress)
      host.emit(handshakeEvent(this.#listener.endpoint, peer))
      return pipe
    },
    closed: (session, error, handshaken) => {
      this.#sessions.delete(session)
      session.pipe?.terminate()
      reportSessionEnd(this.host, this.#listener.endpoint, error, handshaken)
    },
  }

  private constructor(readonly host: SocketHost) {}

  /**
   * Starts listening on `endpoint` with `transport`; `address` is the URL given to `bind()`, named in
   * `accept:error` events. Resolves once listening.
   */
  static async listen(
    host: SocketHost,
    transport: Transport,
    endpoint: Endpoint,
    address: string,
  ): Promise<Acceptor> {
    const acceptor = new Acceptor(host)
    // A bind under way keeps the process alive, as in zeromq.js; the listener then does not (lifetime.ts).
    const release = holdProcess()
    try {
      acceptor.#listener = await transport.listen(endpoint, {
        ...transportOptionsOf(host.options),
        onConnection: (connection) => acceptor.#accept(connection),
        onError: (error) => host.emit({ type: 'accept:error', address, error }),
      })
    } finally {
      release()
    }
    return acceptor
  }

  /** The endpoint listened on, with the real port when `*` was asked for. */
  get endpoint(): string {
    return this.#listener.endpoint
  }

  /** Stops listening and closes the accepted connections once their queues have left (ZMQ_LINGER). */
  async close(address: string = this.#listener.endpoint): Promise<void> {
    for (const session of this.#sessions) session.closeWhenIdle(this.host.options.linger)
    await this.#listener.close()
    this.host.emit({ type: 'close', address })
  }

  #accept(connection: Connection): void {
    const host = this.host
    if (host.closed) {
      connection.destroy()
      return
    }
    host.emit({ type: 'accept', address: this.#listener.endpoint })
    const session = openSession(host, connection, this.#events)
    this.#sessions.add(session)
    session.start()
  }
}
