import type { Connection, Endpoint, Listener, Transport } from '@zmtp/core'
import { transportOptionsOf } from './connection-options.js'
import type { Incoming, SocketHost } from './host.js'
import { holdProcess } from './lifetime.js'
import type { Pipe } from './pipe.js'
import { handshakeEvent, reportSessionEnd } from './session-events.js'
import { openSession, type PeerSession } from './session-factory.js'

/**
 * The listening side of one `bind()`: a transport listener, and a session for every connection it
 * accepts. A peer joins the socket (gets a pipe) once its handshake is done and the socket accepts it;
 * its pipe goes when its connection does (accepted peers are not reconnected to).
 */
export class Acceptor implements Incoming {
  readonly #sessions = new Set<PeerSession>()
  // Set by `listen`, the only way to make an acceptor.
  #listener!: Listener

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
    const address = this.#listener.endpoint
    host.emit({ type: 'accept', address })
    let pipe: Pipe | null = null
    const session = openSession(host, connection, {
      handshake: (_session, peer) => {
        if (!host.acceptsPeer(peer)) return null
        pipe = host.addPipe(connection.remoteAddress)
        host.emit(handshakeEvent(address, peer))
        return pipe
      },
      closed: (_session, error, handshaken) => {
        this.#sessions.delete(session)
        pipe?.terminate()
        reportSessionEnd(host, address, error, handshaken)
      },
    })
    this.#sessions.add(session)
    session.start()
  }
}
