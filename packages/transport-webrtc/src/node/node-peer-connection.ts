import { ErrorCode, TransportError } from '@zmtp/core'
import type { PeerConnectionClass } from '../negotiation/peer.js'

/**
 * node-datachannel's W3C `RTCPeerConnection`, imported on first use so that a program that never opens a
 * WebRTC connection does not need the native module.
 */
export async function loadNodePeerConnection(): Promise<PeerConnectionClass> {
  try {
    const polyfill = await import('node-datachannel/polyfill')
    return polyfill.RTCPeerConnection as unknown as PeerConnectionClass
  } catch (error) {
    throw new TransportError(
      ErrorCode.TransportUnsupported,
      'webrtc:// in Node needs the optional peer dependency node-datachannel (npm i node-datachannel@0.33.4), or pass RTCPeerConnection in the options',
      { cause: error },
    )
  }
}
