import type { PeerConnectionClass } from './negotiation/peer.js'
import type { Signaling } from './signaling/signaling.js'

/** Options of {@link webrtc}, the same in Node and in browsers. */
export interface WebRtcTransportOptions {
  /** How peers find each other: the reference {@link SocketSignaling}, or your own {@link Signaling}. */
  signaling: Signaling
  /** STUN and TURN servers (`RTCConfiguration.iceServers`); none by default, which suits a LAN or one machine. */
  iceServers?: RTCIceServer[]
  /** ms from the offer to an open data channel before the attempt fails (the socket then retries). Default 10000. */
  connectTimeout?: number
  /** Octets queued in a data channel above which the connection reports itself full. Default 1 MiB. */
  sendBufferSize?: number
  /** Octets held while the socket's receive queue is full before the connection closes. Default 64 MiB. */
  receiveBufferLimit?: number
  /**
   * ZMTP heartbeat interval in ms for sockets that set no `heartbeatInterval` of their own: a peer can
   * vanish without closing (a tab suspended, a network gone), so heartbeats are on by default. 0 turns
   * them off. Default 5000.
   */
  heartbeatInterval?: number
  /** Most offers a bound socket answers at once; more are refused. Default 64. */
  maxPendingOffers?: number
  /**
   * The `RTCPeerConnection` class to use. Default: the browser's own, or in Node the W3C polyfill of the
   * optional peer dependency `node-datachannel`, imported on first use.
   */
  RTCPeerConnection?: PeerConnectionClass
}
