import {
  type Endpoint,
  EndpointError,
  type EndpointUse,
  endpointRest,
  formatHostPort,
  type HostPort,
  parseHostPort,
  wildcardProblem,
} from '@zmtp/core'

/** `ws://host:port/path` or `wss://host:port/path`. */
export interface WsEndpoint extends Endpoint, HostPort {
  protocol: 'ws' | 'wss'
  /** The path, starting with `/`; `/` when the URL has none. Query and fragment stay part of it. */
  path: string
}

/** The schemes this package serves. */
export const WS_PROTOCOLS = Object.freeze(['ws', 'wss'] as const)

/**
 * Parses a `ws://` or `wss://` URL. The port defaults to 80 / 443; `*` or 0 is an ephemeral port (bind
 * only). With `use` `'connect'` it also refuses a `*` host or port, as libzmq's `zmq_connect` does.
 *
 * @throws {@link EndpointError} (`ERR_INVALID_ENDPOINT`) naming what is wrong.
 */
export function parseWsEndpoint(url: string, use?: EndpointUse): WsEndpoint {
  const { scheme, rest } = endpointRest(url, WS_PROTOCOLS)
  const protocol = scheme as WsEndpoint['protocol']
  // Brackets hold no '/', so the first '/' always ends the authority, even for an IPv6 host.
  const slash = rest.indexOf('/')
  const authority = slash < 0 ? rest : rest.slice(0, slash)
  const path = slash < 0 ? '/' : rest.slice(slash)
  const { host, ipv6, port } = parseHostPort(url, authority, protocol === 'ws' ? 80 : 443)
  const endpoint: WsEndpoint = { protocol, host, port, ipv6, path }
  if (use === 'connect') {
    const problem = wildcardProblem(endpoint)
    if (problem) throw new EndpointError(url, problem)
  }
  return endpoint
}

/**
 * Prints a ws or wss endpoint; the inverse of {@link parseWsEndpoint}. The port is always printed (0 as
 * `*`), so the output is explicit even where the input relied on the default.
 */
export function formatWsEndpoint(endpoint: WsEndpoint): string {
  return `${endpoint.protocol}://${formatHostPort(endpoint)}${endpoint.path}`
}
