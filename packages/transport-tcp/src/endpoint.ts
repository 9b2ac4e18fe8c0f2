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

/** `tcp://host:port`. A host of `*` binds every interface; port 0 (`*`) is ephemeral, chosen at bind. */
export interface TcpEndpoint extends Endpoint, HostPort {
  protocol: 'tcp'
}

/** `ipc:///path`, `ipc://relative`, `ipc://*` (a fresh temporary path) or `ipc://@name` (Linux abstract). */
export interface IpcEndpoint extends Endpoint {
  protocol: 'ipc'
  /** Filesystem path, or the abstract name without its `@`. */
  path: string
  /** True for `ipc://@name`. */
  abstract: boolean
}

/** The endpoints this package serves. */
export type TcpTransportEndpoint = TcpEndpoint | IpcEndpoint

/** The schemes this package serves. */
export const TCP_PROTOCOLS = Object.freeze(['tcp', 'ipc'] as const)

/**
 * Parses `tcp://host:port` or an `ipc://` URL. With `use` `'connect'` it also refuses what can only be
 * bound (a `*` host or port, `ipc://*`), as libzmq's `zmq_connect` does.
 *
 * @throws {@link EndpointError} (`ERR_INVALID_ENDPOINT`) naming what is wrong.
 */
export function parseTcpEndpoint(url: string, use?: EndpointUse): TcpTransportEndpoint {
  const { scheme, rest } = endpointRest(url, TCP_PROTOCOLS)
  const endpoint = scheme === 'tcp' ? parseTcp(url, rest) : parseIpc(url, rest)
  if (use === 'connect') {
    const problem = connectProblem(endpoint)
    if (problem) throw new EndpointError(url, problem)
  }
  return endpoint
}

/** Prints a tcp or ipc endpoint; the inverse of {@link parseTcpEndpoint}. Port 0 prints as `*`. */
export function formatTcpEndpoint(endpoint: TcpTransportEndpoint): string {
  return endpoint.protocol === 'tcp'
    ? `tcp://${formatHostPort(endpoint)}`
    : `ipc://${endpoint.abstract ? '@' : ''}${endpoint.path}`
}

/** Why `endpoint` can never be connected to, or undefined when it can. */
export function connectProblem(endpoint: TcpTransportEndpoint): string | undefined {
  if (endpoint.protocol === 'tcp') return wildcardProblem(endpoint)
  if (!endpoint.abstract && endpoint.path === '*') return 'a wildcard ipc path can only be bound'
  return undefined
}

function parseTcp(url: string, rest: string): TcpEndpoint {
  if (rest.includes(';')) {
    throw new EndpointError(url, "the source-address form 'src;dst' is not supported")
  }
  if (rest.includes('/')) throw new EndpointError(url, 'tcp endpoints take no path')
  const { host, ipv6, port } = parseHostPort(url, rest)
  return { protocol: 'tcp', host, port, ipv6 }
}

function parseIpc(url: string, rest: string): IpcEndpoint {
  if (rest === '') throw new EndpointError(url, 'empty ipc path')
  if (rest.startsWith('@')) {
    if (rest.length === 1) throw new EndpointError(url, "empty abstract socket name after '@'")
    return { protocol: 'ipc', path: rest.slice(1), abstract: true }
  }
  return { protocol: 'ipc', path: rest, abstract: false }
}
