import type { Endpoint, EndpointUse } from '../endpoint/endpoint.js'
import { splitEndpointUrl } from '../endpoint/url.js'
import { NoTransportError } from '../errors.js'
import type { Transport } from './transport.js'

/** Transports registered process-wide, by scheme. Sockets look here after their own `transports` option. */
const registry = new Map<string, Transport>()

/**
 * Makes a transport available to every socket in this process (or page), for each scheme it serves.
 * A later registration for the same scheme replaces the earlier one.
 */
export function registerTransport(transport: Transport): void {
  for (const protocol of transport.protocols) registry.set(protocol, transport)
}

/** Removes a process-wide registration; returns whether one was removed. */
export function unregisterTransport(transport: Transport): boolean {
  let removed = false
  for (const [protocol, registered] of registry) {
    if (registered === transport) {
      registry.delete(protocol)
      removed = true
    }
  }
  return removed
}

/**
 * Finds the transport for `protocol` (a scheme without `://`): first among `local`, then among those
 * registered with {@link registerTransport}.
 *
 * @throws {@link NoTransportError} (`ERR_NO_TRANSPORT`) naming the scheme and those that are served.
 */
export function findTransport(protocol: string, local: readonly Transport[] = []): Transport {
  const found = local.find((transport) => transport.protocols.includes(protocol)) ?? registry.get(protocol)
  if (!found) {
    const served = new Set([...local.flatMap((transport) => transport.protocols), ...registry.keys()])
    throw new NoTransportError(protocol, [...served])
  }
  return found
}

/** An endpoint URL resolved to the transport serving its scheme and that transport's parse of it. */
export interface TransportEndpoint {
  transport: Transport
  endpoint: Endpoint
}

/**
 * Resolves an endpoint URL: finds the transport for its scheme ({@link findTransport}) and lets it parse
 * the URL for `use`.
 *
 * @throws {@link EndpointError} when the URL has no scheme or its transport refuses it, and
 * {@link NoTransportError} when no transport serves the scheme.
 */
export function resolveTransport(
  url: string,
  use?: EndpointUse,
  local: readonly Transport[] = [],
): TransportEndpoint {
  const transport = findTransport(splitEndpointUrl(url).scheme, local)
  return { transport, endpoint: transport.parse(url, use) }
}
