/**
 * @zmtp/transport-webrtc in Node: `webrtc://<peer-id>` over RTCDataChannel, with node-datachannel's W3C
 * `RTCPeerConnection` (an optional peer dependency, imported on first use). Browsers get `browser.ts`
 * through the package's `browser` export condition.
 *
 * @example
 * ```ts
 * import { Dealer, Router } from '@zmtp/patterns'
 * import { tcp } from '@zmtp/transport-tcp'
 * import { SocketSignaling, webrtc } from '@zmtp/transport-webrtc'
 *
 * const dealer = new Dealer({ transports: [tcp()] })
 * dealer.connect('tcp://127.0.0.1:8091') // a signaling server (zmtp-signal)
 * const signaling = new SocketSignaling(dealer)
 * const router = new Router({ transports: [webrtc({ signaling })] })
 * await router.bind('webrtc://worker-1')
 * ```
 *
 * @packageDocumentation
 */

import type { Transport } from '@zmtp/core'
import type { WebRtcEndpoint } from './endpoint.js'
import { loadNodePeerConnection } from './node/node-peer-connection.js'
import type { WebRtcTransportOptions } from './options.js'
import { createWebRtcTransport } from './transport.js'

export * from './common.js'

/** The `webrtc://` transport: pass it in a socket's `transports` option. */
export function webrtc(options: WebRtcTransportOptions): Transport<WebRtcEndpoint> {
  return createWebRtcTransport(options, loadNodePeerConnection)
}
