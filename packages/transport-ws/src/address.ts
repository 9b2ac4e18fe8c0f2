import { type Endpoint, ErrorCode, TransportError, wildcardProblem } from '@zmtp/core'
import { formatWsEndpoint, type WsEndpoint } from './endpoint.js'

/** `ws://host:port/path` for an address Node reported (IPv6 hosts get their brackets; port 0 prints `*`). */
export function formatWsUrl(protocol: 'ws' | 'wss', host: string, port: number, path: string): string {
  return formatWsEndpoint({ protocol, host, port, ipv6: host.includes(':'), path })
}

/**
 * The URL to open for a connect; a wildcard host or port can only be bound, as with libzmq (`parse` for
 * 'connect' refused it already, but `dial` may be called directly).
 */
export function dialUrl(endpoint: WsEndpoint): string {
  const url = formatWsEndpoint(endpoint)
  const problem = wildcardProblem(endpoint)
  if (problem) throw new TransportError(ErrorCode.InvalidArgument, `connect ${url}: ${problem}`)
  return url
}

/** Narrows an endpoint to the ones this transport serves. */
export function served(endpoint: Endpoint): WsEndpoint {
  if (endpoint.protocol === 'ws' || endpoint.protocol === 'wss') return endpoint as WsEndpoint
  throw new TransportError(ErrorCode.NoTransport, `the ws transport does not serve "${endpoint.protocol}://"`)
}
