import { type Endpoint, findTransport, parseEndpoint, type Transport } from '@zmtp/core'

/** Where an endpoint URL leads: a name in this process, or a transport and its parsed endpoint. */
export type ResolvedEndpoint =
  | { readonly inproc: string }
  | { readonly inproc?: undefined; readonly endpoint: Endpoint; readonly transport: Transport }

/**
 * Parses `url` and finds the transport serving its scheme (among `transports`, then those registered);
 * `inproc://` is the sockets' own. The one place a socket turns a URL into something it can use.
 *
 * @throws {@link EndpointError} for a malformed URL, `ERR_NO_TRANSPORT` when nothing serves the scheme.
 */
export function resolveEndpoint(url: string, transports: readonly Transport[]): ResolvedEndpoint {
  const endpoint = parseEndpoint(url)
  if (endpoint.protocol === 'inproc') return { inproc: endpoint.name }
  return { endpoint, transport: findTransport(endpoint.protocol, transports) }
}
