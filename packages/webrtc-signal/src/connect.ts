import type { Transport } from '@zmtp/core'
import { Dealer } from '@zmtp/patterns'
import { SocketSignaling, type SocketSignalingOptions } from '@zmtp/transport-webrtc'

/**
 * A {@link SocketSignaling} client on a new Dealer connected to `endpoint` (a signaling server) over one
 * of `transports` (`ws()` in a browser, `tcp()` or `ws()` in Node). `close()` on it closes the Dealer.
 */
export function connectSignaling(
  endpoint: string,
  transports: Transport[],
  options?: SocketSignalingOptions,
): SocketSignaling {
  const dealer = new Dealer({ transports, linger: 0 })
  dealer.connect(endpoint)
  return new SocketSignaling(dealer, options)
}
