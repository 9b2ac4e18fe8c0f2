import type { Socket } from 'node:net'
import type { ResolvedTcpOptions } from './options.js'

/** Applies the per-connection settings libzmq applies to every TCP socket; Unix sockets ignore them. */
export function configureSocket(socket: Socket, config: ResolvedTcpOptions): void {
  // libzmq always sets TCP_NODELAY: ZMTP batches frames itself, Nagle would only add latency.
  socket.setNoDelay(true)
  if (config.keepAliveDelay !== undefined) socket.setKeepAlive(true, config.keepAliveDelay)
}
