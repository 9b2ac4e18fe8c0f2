import {
  type Endpoint,
  EndpointError,
  type EndpointUse,
  NoTransportError,
  resolveTransport,
  splitEndpointUrl,
  type Transport,
} from '@zmtp/core'

/** Where an endpoint URL leads: a name in this process, or a transport and its parsed endpoint. */
export type ResolvedEndpoint =
  | { readonly inproc: string }
  | { readonly inproc?: undefined; readonly endpoint: Endpoint; readonly transport: Transport }

/**
 * Resolves `url` for `use`: `inproc://name` is the sockets' own (it needs no transport); any other scheme
 * goes to the transport serving it (among `transports`, then those registered), which parses it and
 * refuses at once what can never work for `use`, such as connecting to `tcp://*:5555`.
 *
 * @throws {@link EndpointError} for a malformed URL or one that can never work for `use`, and
 * `NoTransportError` (`ERR_NO_TRANSPORT`) when no transport serves the scheme.
 */
export function resolveEndpoint(
  url: string,
  transports: readonly Transport[],
  use: EndpointUse,
): ResolvedEndpoint {
  const { scheme, rest } = splitEndpointUrl(url)
  if (scheme === 'inproc') {
    if (rest === '') throw new EndpointError(url, 'empty inproc name')
    return { inproc: rest }
  }
  return resolveTransport(url, use, transports)
}

/**
 * For `unbind()`/`disconnect()` of an endpoint not in use: rethrows what makes the URL unusable anywhere (a
 * malformed URL, a scheme no transport serves), as libzmq fails those with EINVAL and EPROTONOSUPPORT; a
 * well-formed URL that this use could never have taken (a wildcard given to disconnect) passes, and the
 * caller reports it as not in use.
 */
export function checkEndpointSyntax(
  endpoint: string,
  transports: readonly Transport[],
  use: EndpointUse,
): void {
  try {
    resolveEndpoint(endpoint, transports, use)
  } catch (error) {
    if (error instanceof NoTransportError || !endpoint.includes('://')) throw error
  }
}
