import type { Signaling } from '../signaling/signaling.js'
import type { PeerConnectionClass } from './peer.js'

/** What one `webrtc()` transport resolved from its options; shared by its listeners and dials. */
export interface Settings {
  signaling: Signaling
  iceServers: RTCIceServer[]
  connectTimeout: number
  sendBufferSize: number
  receiveBufferLimit: number
  /** Most offers a listener works on at once; more are refused with a bye. */
  maxPendingOffers: number
  /** ZMTP heartbeat interval the connections ask for when their socket sets none (0: none). */
  heartbeatInterval: number
  /** The `RTCPeerConnection` class, loaded on first use (node-datachannel in Node). */
  peerConnection(): Promise<PeerConnectionClass>
}
