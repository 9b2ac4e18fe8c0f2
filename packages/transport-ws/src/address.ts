import { type Endpoint, ErrorCode, TransportError, type WsEndpoint } from '@zmtp/core'

/** `ws://host:port/path`, with IPv6 hosts in brackets. */
export function formatWsUrl(protocol: string, host: string, port: number | string, path: string): string {
  return `${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}${path}`
}

/** The URL to open for a connect; a wildcard host or port can only be bound, as with libzmq. */
export function dialUrl(endpoint: WsEndpoint): string {
  if (endpoint.host === '*' || endpoint.port === 0) {
    throw new TransportError(
      ErrorCode.InvalidArgument,
      `connect ${formatWsUrl(endpoint.protocol, endpoint.host, endpoint.port || '*', endpoint.path)}: a wildcard can only be bound`,
    )
  }
  return formatWsUrl(endpoint.protocol, endpoint.host, endpoint.port, endpoint.path)
}

/** Narrows an endpoint to the ones this transport serves. */
export function served(endpoint: Endpoint): WsEndpoint {
  if (endpoint.protocol === 'ws' || endpoint.protocol === 'wss') return endpoint
  throw new TransportError(ErrorCode.NoTransport, `the ws transport does not serve "${endpoint.protocol}://"`)
}
