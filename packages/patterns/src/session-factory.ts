import type { Connection, PeerInfo, SocketType } from '@zmtp/core'
import { engineOptionsOf } from './connection-options.js'
import type { SocketHost } from './host.js'
import type { Pipe } from './pipe.js'
import { Session } from './session.js'

/**
 * What acceptors and connecters drive for each connection, whatever speaks on it: a ZMTP {@link Session}
 * for most sockets, a raw byte session for `STREAM`.
 */
export interface PeerSession {
  /** The connection it speaks on. */
  readonly connection: Connection
  /** The pipe it carries, once its peer has joined the socket. */
  readonly pipe: Pipe | null
  start(): void
  /** Closes once queued messages have left, within `linger` ms (ZMQ_LINGER). */
  closeWhenIdle(linger: number): void
  /** True when the socket ended this peer on purpose, so its connecter must not dial again. */
  readonly endsEndpoint?: boolean
}

/** What a peer session reports to the acceptor or connecter that opened it. */
export interface PeerSessionEvents {
  /** The peer is ready. Return the pipe to carry, or null to refuse it (the session closes). */
  handshake(session: PeerSession, peer: PeerInfo): Pipe | null
  /** The connection is gone. `error` says why; `handshaken` tells whether the peer had been ready. */
  closed(session: PeerSession, error: Error | undefined, handshaken: boolean): void
}

/** Makes the session for one connection of a socket of the type it was registered for. */
export type SessionFactory = (
  host: SocketHost,
  connection: Connection,
  events: PeerSessionEvents,
) => PeerSession

/**
 * Session factories by socket type. A socket type that does not speak ZMTP registers its own from the
 * module that defines it, so that code (and its weight in a browser bundle) comes only with that type.
 */
const factories = new Map<SocketType, SessionFactory>()

/** Makes `factory` open the sessions of every socket of `type`. */
export function registerSessionFactory(type: SocketType, factory: SessionFactory): void {
  factories.set(type, factory)
}

/** Opens the session for a new connection of `host`: its type's registered factory, else ZMTP. */
export function openSession(
  host: SocketHost,
  connection: Connection,
  events: PeerSessionEvents,
): PeerSession {
  const factory = factories.get(host.type)
  if (factory) return factory(host, connection, events)
  return new Session(connection, engineOptionsOf(host.type, host.options, host.multipartBudget), events)
}
