import { type Endpoint, ErrorCode, formatEndpoint, TransportError, type WsEndpoint } from '@zmtp/core'

/** `ws://host:port/path` for an address Node reported (IPv6 hosts get their brackets; port 0 prints `*`). */
export function formatWsUrl(protocol: 'ws' | 'wss', host: string, port: number, path: string): string {
  return formatEndpoint({ protocol, host, port, ipv6: host.includes(':'), path })
}

/** The URL to open for a connect; a wildcard host or port can only be bound, as with libzmq. */
export function dialUrl(endpoint: WsEndpoint): string {
  if (endpoint.host === '*' || endpoint.port === 0) {
    throw new TransportError(
      ErrorCode.InvalidArgument,
      `connect ${formatEndpoint(endpoint)}: a wildcard can only be bound`,
    )
  }
  return formatEndpoint(endpoint)
}

/** Narrows an endpoint to the ones this transport serves. */
export function served(endpoint: Endpoint): WsEndpoint {
  if (endpoint.protocol === 'ws' || endpoint.protocol === 'wss') return endpoint
  throw new TransportError(ErrorCode.NoTransport, `the ws transport does not serve "${endpoint.protocol}://"`)
}
