/** What both builds (Node and browser) export besides `webrtc()`. */
export {
  formatWebRtcEndpoint,
  isPeerId,
  parseWebRtcEndpoint,
  WEBRTC_PROTOCOLS,
  type WebRtcEndpoint,
} from './endpoint.js'
export { SignalingError } from './errors.js'
export type { PeerConnectionClass } from './negotiation/peer.js'
export type { WebRtcTransportOptions } from './options.js'
export type { Announcement, Signal, SignalBody, Signaling } from './signaling/signaling.js'
export {
  type SignalingDealer,
  SocketSignaling,
  type SocketSignalingOptions,
} from './signaling/socket-signaling.js'
