import type { PeerInfo, SocketType } from '@zmtp/core'
import type { SocketHost } from '../host.js'
import type { Message } from '../message.js'

/**
 * What threads say to each other about inproc names, on one process-wide BroadcastChannel: a thread
 * announces the names it binds, and a thread whose connect finds no binder of its own asks for it; the
 * binder answers with the name of a channel for that one link.
 */
export type RegistryMessage =
  /** `thread` holds `name` now. */
  | { t: 'bound'; name: string; thread: string }
  /** `thread` no longer holds `name`. */
  | { t: 'unbound'; name: string; thread: string }
  /** `thread` just started listening: binders announce their names again. */
  | { t: 'hello'; thread: string }
  /** `thread` wants to connect to `name`; `seek` names the request in offers. */
  | { t: 'seek'; name: string; seek: string; thread: string }
  /** The binder of a name answers seek `seek` of thread `to` with the channel of a new link. */
  | { t: 'offer'; seek: string; to: string; link: string }

/** What one side of a link says about itself; `window` is how many messages it takes in flight (0: no limit). */
export interface LinkPeer {
  type: SocketType
  routingId: Uint8Array | null
  window: number
}

/** What flows on a link's own BroadcastChannel. */
export type LinkMessage =
  /** The connecting side introduces itself (first message). */
  | ({ t: 'hello' } & LinkPeer)
  /** The binding side takes the link. */
  | ({ t: 'welcome' } & LinkPeer)
  /** The binding side refuses the link; `reason` is set when the socket types cannot talk. */
  | { t: 'refuse'; reason?: string }
  /** The connecting side no longer wants the link it was offered. */
  | { t: 'decline' }
  /** Messages, in order. */
  | { t: 'm'; m: Message[] }
  /** The receiver moved `n` messages into its queue: the sender may send `n` more. */
  | { t: 'c'; n: number }
  /** A subscription or its cancellation. */
  | { t: 's'; on: boolean; topic: Uint8Array }
  /** The sender's pipe is gone: nothing follows. */
  | { t: 'x' }

/** How a socket describes itself to a peer in another thread. */
export function linkPeerOf(socket: SocketHost): LinkPeer {
  return {
    type: socket.type,
    routingId: socket.options.routingId ?? null,
    window: socket.options.receiveHighWaterMark,
  }
}

/** The peer a link's other side described, as pipes and sockets know peers. */
export function peerInfoOf(peer: LinkPeer): PeerInfo {
  return {
    socketType: peer.type,
    routingId: peer.routingId ?? new Uint8Array(0),
    metadata: new Map(),
    minor: 1,
    mechanism: 'NULL',
  }
}

/**
 * A frame as it can cross threads without dragging its neighbours: a view on part of a larger buffer (a
 * Node Buffer from the pool) is copied, since the structured clone would copy its whole buffer.
 */
export function crossable(frame: Uint8Array): Uint8Array {
  if (frame.byteOffset === 0 && frame.byteLength === frame.buffer.byteLength) return frame
  return Uint8Array.prototype.slice.call(frame)
}
