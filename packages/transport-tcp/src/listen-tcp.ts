import type { AddressInfo, Server, Socket } from 'node:net'
import { errnoOf, fromSystemError, type Listener, type ListenOptions } from '@zmtp/core'
import { formatTcpAddress, socketAddress } from './address.js'
import { formatTcpEndpoint, type TcpEndpoint } from './endpoint.js'
import { bind, createAcceptingServer, NetListener } from './listener.js'
import type { ResolvedTcpOptions } from './options.js'

function addressesOf(socket: Socket) {
  return {
    remoteAddress: socketAddress(socket, 'remote') ?? formatTcpAddress('unknown', 0),
    localAddress: socketAddress(socket, 'local') ?? formatTcpAddress('unknown', 0),
  }
}

async function bindWildcard(server: Server, port: number, config: ResolvedTcpOptions): Promise<void> {
  if (!config.ipv6) return bind(server, { host: '0.0.0.0', port, backlog: config.backlog })
  try {
    await bind(server, { host: '::', port, backlog: config.backlog, ipv6Only: false })
  } catch (error) {
    // A machine without IPv6 still has every IPv4 interface; libzmq falls back the same way.
    const errno = errnoOf(error)
    if (errno !== 'EAFNOSUPPORT' && errno !== 'EADDRNOTAVAIL') throw error
    await bind(server, { host: '0.0.0.0', port, backlog: config.backlog })
  }
}

/** Binds `tcp://host:port`; `*` means every interface and port 0 an ephemeral port. */
export async function listenTcp(
  endpoint: TcpEndpoint,
  options: ListenOptions,
  config: ResolvedTcpOptions,
): Promise<Listener> {
  const server = createAcceptingServer(options, config, addressesOf)
  try {
    if (endpoint.host === '*') await bindWildcard(server, endpoint.port, config)
    else await bind(server, { host: endpoint.host, port: endpoint.port, backlog: config.backlog })
  } catch (error) {
    throw fromSystemError(error, 'bind', formatTcpEndpoint(endpoint))
  }
  // Report the numeric address actually bound (a host name resolves to one of its addresses).
  const bound = server.address() as AddressInfo
  return new NetListener(server, formatTcpAddress(bound.address, bound.port), options)
}
