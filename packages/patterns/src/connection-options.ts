import type { EngineOptions, MultipartBudget, SocketType, TransportOptions } from '@zmtp/core'
import type { ResolvedOptions } from './options.js'
import { mechanismOf } from './security/socket-mechanism.js'

/**
 * What a socket's options mean to the layers below it: pure functions, so the two conversions (one for
 * the protocol engine of each connection, one for the transport at bind and connect) live in one place.
 */

/** Engine settings for a new connection of a socket of `type`, drawing on the socket's multipart budget. */
export function engineOptionsOf(
  type: SocketType,
  options: Readonly<ResolvedOptions>,
  multipartBudget?: MultipartBudget,
): Omit<EngineOptions, 'framing' | 'peerAddress'> {
  return {
    socketType: type,
    multipartBudget,
    mechanism: mechanismOf(options),
    routingId: options.routingId,
    maxMessageSize: limitOf(options.maxMessageSize),
    handshakeInterval: options.handshakeInterval,
    heartbeatInterval: options.heartbeatInterval,
    heartbeatTimeToLive: options.heartbeatTimeToLive,
    heartbeatTimeout: heartbeatTimeoutOf(options),
  }
}

/**
 * The socket-wide budget of octets held in incomplete multipart messages, shared by its connections.
 * The socket sets `limit` again when `maxIncompleteBytes` changes (see {@link budgetLimit}), so a later
 * setting applies. A plain property rather than a getter reading the option: engines read it for every
 * part of every multipart message.
 */
export function multipartBudgetOf(options: Readonly<ResolvedOptions>): MultipartBudget & { limit: number } {
  return { limit: budgetLimit(options.maxIncompleteBytes), used: 0 }
}

/** The budget's limit for a `maxIncompleteBytes` setting: negative means no limit. */
export function budgetLimit(maxIncompleteBytes: number): number {
  return maxIncompleteBytes >= 0 ? maxIncompleteBytes : Number.POSITIVE_INFINITY
}

/** What a transport is told when the socket binds or connects. */
export function transportOptionsOf(options: Readonly<ResolvedOptions>): TransportOptions {
  return {
    mechanism: mechanismOf(options)?.name ?? 'NULL',
    maxMessageSize: limitOf(options.maxMessageSize),
    heartbeatInterval: options.heartbeatInterval,
    heartbeatTimeout: heartbeatTimeoutOf(options),
    // Listeners and connections never keep the process alive by themselves: the socket holds it while
    // something is pending (lifetime.ts).
    unref: true,
  }
}

/** ZMQ_HEARTBEAT_TIMEOUT as libzmq settles it: -1 means "the heartbeat interval". */
function heartbeatTimeoutOf(options: Readonly<ResolvedOptions>): number {
  return options.heartbeatTimeout >= 0 ? options.heartbeatTimeout : options.heartbeatInterval
}

/** A size limit where -1 means none, as the layers below want it: undefined for none. */
function limitOf(value: number): number | undefined {
  return value >= 0 ? value : undefined
}
