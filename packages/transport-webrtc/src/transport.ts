import {
  type Connection,
  type DialOptions,
  type Endpoint,
  ErrorCode,
  type Listener,
  type ListenOptions,
  type Transport,
  TransportError,
} from '@zmtp/core'
import {
  DEFAULT_CONNECT_TIMEOUT,
  DEFAULT_HEARTBEAT_INTERVAL,
  DEFAULT_RECEIVE_BUFFER_LIMIT,
  DEFAULT_SEND_BUFFER,
} from './defaults.js'
import {
  formatWebRtcEndpoint,
  parseWebRtcEndpoint,
  WEBRTC_PROTOCOLS,
  type WebRtcEndpoint,
} from './endpoint.js'
import { dialPeer } from './negotiation/dial.js'
import { listenPeer } from './negotiation/listen.js'
import type { PeerConnectionClass } from './negotiation/peer.js'
import type { Settings } from './negotiation/settings.js'
import type { WebRtcTransportOptions } from './options.js'

/** Narrows an endpoint to the ones this transport serves. */
function served(endpoint: Endpoint): WebRtcEndpoint {
  if (endpoint.protocol === 'webrtc') return endpoint as WebRtcEndpoint
  throw new TransportError(
    ErrorCode.NoTransport,
    `the webrtc transport does not serve "${endpoint.protocol}://"`,
  )
}

/**
 * The transport, given how to find `RTCPeerConnection` where it runs (the Node and browser entry points
 * differ only in that).
 */
export function createWebRtcTransport(
  options: WebRtcTransportOptions,
  defaultPeerConnection: () => Promise<PeerConnectionClass>,
): Transport<WebRtcEndpoint> {
  let loaded: Promise<PeerConnectionClass> | undefined
  const settings: Settings = {
    signaling: options.signaling,
    iceServers: options.iceServers ?? [],
    connectTimeout: options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT,
    sendBufferSize: options.sendBufferSize ?? DEFAULT_SEND_BUFFER,
    receiveBufferLimit: options.receiveBufferLimit ?? DEFAULT_RECEIVE_BUFFER_LIMIT,
    maxPendingOffers: options.maxPendingOffers ?? 64,
    heartbeatInterval: options.heartbeatInterval ?? DEFAULT_HEARTBEAT_INTERVAL,
    peerConnection() {
      if (options.RTCPeerConnection) return Promise.resolve(options.RTCPeerConnection)
      loaded ??= defaultPeerConnection()
      return loaded
    },
  }
  return {
    name: 'webrtc',
    protocols: WEBRTC_PROTOCOLS,
    parse: parseWebRtcEndpoint,
    format: formatWebRtcEndpoint,
    listen(endpoint: Endpoint, listenOptions: ListenOptions): Promise<Listener> {
      return listenPeer(settings, served(endpoint), listenOptions)
    },
    async dial(endpoint: Endpoint, dialOptions: DialOptions): Promise<Connection> {
      const target = served(endpoint)
      if (target.peer === '*') {
        throw new TransportError(
          ErrorCode.InvalidArgument,
          'connect webrtc://*: name the peer id to connect to',
        )
      }
      return dialPeer(settings, target, dialOptions.signal)
    },
  }
}
