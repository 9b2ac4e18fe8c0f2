/**
 * @zmtp/transport-webrtc in a browser: `webrtc://<peer-id>` over the native RTCPeerConnection. Bundlers
 * pick this file through the package's `browser` export condition; it imports nothing from Node.
 *
 * @packageDocumentation
 */

import type { Transport } from '@zmtp/core'
import { browserPeerConnection } from './browser/browser-peer-connection.js'
import type { WebRtcEndpoint } from './endpoint.js'
import type { WebRtcTransportOptions } from './options.js'
import { createWebRtcTransport } from './transport.js'

export * from './common.js'

/** The `webrtc://` transport: pass it in a socket's `transports` option. */
export function webrtc(options: WebRtcTransportOptions): Transport<WebRtcEndpoint> {
  return createWebRtcTransport(options, browserPeerConnection)
}
