import type { MultipartBudget, PeerInfo, SocketType } from '@zmtp/core'
import type { SocketEvent } from './events.js'
import type { ResolvedOptions } from './options.js'
import type { Pipe } from './pipe.js'

/**
 * What the parts that join a socket to its peers (connecters, acceptors, inproc links) need from it.
 * The socket lends them this object and nothing else, so none of them depends on the socket class, and
 * none of this is part of the socket's public type.
 */
export interface SocketHost {
  /** The socket's type, as sent in `Socket-Type`. */
  readonly type: SocketType
  /** The socket's options as they are now (its property setters write through to this object). */
  readonly options: Readonly<ResolvedOptions>
  /** The allowance that incomplete multipart messages of all this socket's connections share. */
  readonly multipartBudget: MultipartBudget
  /** True once the socket was closed. */
  readonly closed: boolean
  /**
   * A new pipe for the peer at `address`, with the socket's current queue limits, attached to the socket.
   * When the socket is closed the pipe comes back already terminated.
   */
  addPipe(address: string): Pipe
  /**
   * Whether a peer that finished its handshake may join (a Pair refuses a second one). `pipe` is the
   * pipe its connection will use when it exists already (a connecting side's pipe).
   */
  acceptsPeer(peer: PeerInfo, pipe?: Pipe | null): boolean
  /** Emits a monitor event. */
  emit(event: SocketEvent): void
}

/** What `connect()` started: stopping it ends the connection, its queue leaving within `linger` ms. */
export interface Outgoing {
  stop(linger: number): void
}

/** What `bind()` started: closing it stops accepting and closes what was accepted, within the linger. */
export interface Incoming {
  /** Closes; `address` names the endpoint in the `close` event (the listener's own by default). */
  close(address?: string): Promise<void>
}
