import { ErrorCode, TransportError } from '@zmtp/core'
import type { PeerConnectionClass } from '../negotiation/peer.js'

/** The browser's own `RTCPeerConnection`. */
export async function browserPeerConnection(): Promise<PeerConnectionClass> {
  const PeerConnection = (globalThis as { RTCPeerConnection?: PeerConnectionClass }).RTCPeerConnection
  if (!PeerConnection) {
    throw new TransportError(ErrorCode.TransportUnsupported, 'this environment has no RTCPeerConnection')
  }
  return PeerConnection
}
