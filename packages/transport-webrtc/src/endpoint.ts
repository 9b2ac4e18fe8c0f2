import { type Endpoint, EndpointError, type EndpointUse, endpointRest } from '@zmtp/core'

/** `webrtc://<peer-id>`: a peer known to the signaling service under `peer`. */
export interface WebRtcEndpoint extends Endpoint {
  protocol: 'webrtc'
  /** The peer id, or `*` (bind only) for a fresh random one. */
  peer: string
}

/** The schemes this package serves. */
export const WEBRTC_PROTOCOLS = Object.freeze(['webrtc'] as const)

/** Peer ids: 1 to 64 URL-safe characters, so that they print in a URL unescaped. */
const PEER_ID = /^[A-Za-z0-9._~-]{1,64}$/

/** True when `id` may name a peer (`*` is not an id; it asks bind for a fresh one). */
export function isPeerId(id: string): boolean {
  return PEER_ID.test(id)
}

/**
 * Parses `webrtc://<peer-id>`. A peer id is 1 to 64 characters of `A-Z a-z 0-9 . _ ~ -`. `webrtc://*` binds
 * a fresh random id (the socket's `lastEndpoint` has it); it cannot be connected to.
 *
 * @throws {@link EndpointError} (`ERR_INVALID_ENDPOINT`) naming what is wrong.
 */
export function parseWebRtcEndpoint(url: string, use?: EndpointUse): WebRtcEndpoint {
  const { rest } = endpointRest(url, WEBRTC_PROTOCOLS)
  if (rest === '*') {
    if (use === 'connect') throw new EndpointError(url, 'cannot connect to "*": name the peer id')
    return { protocol: 'webrtc', peer: '*' }
  }
  if (!isPeerId(rest)) {
    throw new EndpointError(url, 'a peer id is 1 to 64 characters of A-Z a-z 0-9 . _ ~ -')
  }
  return { protocol: 'webrtc', peer: rest }
}

/** Prints a webrtc endpoint; the inverse of {@link parseWebRtcEndpoint}. */
export function formatWebRtcEndpoint(endpoint: WebRtcEndpoint): string {
  return `webrtc://${endpoint.peer}`
}

/** A fresh random peer id (for `webrtc://*` and for the dialing side's own address). */
export function randomPeerId(prefix = ''): string {
  const bytes = new Uint8Array(12)
  globalThis.crypto.getRandomValues(bytes)
  let id = prefix
  for (const byte of bytes) id += byte.toString(36).padStart(2, '0')
  return id
}
