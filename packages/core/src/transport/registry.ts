import { ErrorCode, TransportError } from '../errors.js'
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
 * registered with {@link registerTransport}. Throws `ERR_NO_TRANSPORT` when none serves it.
 */
export function findTransport(protocol: string, local: readonly Transport[] = []): Transport {
  const found = local.find((transport) => transport.protocols.includes(protocol)) ?? registry.get(protocol)
  if (!found) {
    throw new TransportError(
      ErrorCode.NoTransport,
      `no transport serves "${protocol}://"; pass one in the socket's transports option or call registerTransport()`,
    )
  }
  return found
}
