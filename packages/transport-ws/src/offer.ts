import { ErrorCode, TransportError } from '@zmtp/core'
import { accepts, nodeOffer } from './subprotocols.js'

/**
 * The subprotocols a Node-side connect offers: the configured list, or libzmq's default for the mechanism.
 *
 * @throws {@link TransportError} (`ERR_INVALID_ARGUMENT`) when the list is empty or names a subprotocol
 * that does not suit the mechanism.
 */
export function connectOffer(url: string, mechanism: string, configured?: readonly string[]): string[] {
  const offer = configured ? [...configured] : nodeOffer(mechanism)
  const unsuitable = offer.find((name) => !accepts(mechanism, name))
  if (offer.length === 0 || unsuitable !== undefined) {
    throw new TransportError(
      ErrorCode.InvalidArgument,
      `connect ${url}: cannot offer ${unsuitable === undefined ? 'no subprotocol' : `"${unsuitable}"`} with the ${mechanism} mechanism`,
    )
  }
  return offer
}
