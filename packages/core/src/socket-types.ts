/**
 * ZeroMQ socket types and which peer types each may talk to (RFC 37 "Socket-Type", as libzmq's
 * `mechanism.cpp` applies it, XPUB and XSUB included). `STREAM` (ZMQ_STREAM) talks raw bytes to peers
 * that speak no ZMTP, so it is compatible with no ZMTP socket type and is left out of {@link SOCKET_TYPES}.
 */
export type SocketType =
  | 'PAIR'
  | 'PUB'
  | 'SUB'
  | 'REQ'
  | 'REP'
  | 'DEALER'
  | 'ROUTER'
  | 'PULL'
  | 'PUSH'
  | 'XPUB'
  | 'XSUB'
  | 'STREAM'

/** The socket types that speak ZMTP (every {@link SocketType} but `STREAM`). */
export const SOCKET_TYPES: readonly SocketType[] = [
  'PAIR',
  'PUB',
  'SUB',
  'REQ',
  'REP',
  'DEALER',
  'ROUTER',
  'PULL',
  'PUSH',
  'XPUB',
  'XSUB',
]

const compatible: Readonly<Record<SocketType, readonly string[]>> = {
  PAIR: ['PAIR'],
  PUB: ['SUB', 'XSUB'],
  XPUB: ['SUB', 'XSUB'],
  SUB: ['PUB', 'XPUB'],
  XSUB: ['PUB', 'XPUB'],
  REQ: ['REP', 'ROUTER'],
  REP: ['REQ', 'DEALER'],
  DEALER: ['REP', 'DEALER', 'ROUTER'],
  ROUTER: ['REQ', 'DEALER', 'ROUTER'],
  PUSH: ['PULL'],
  PULL: ['PUSH'],
  STREAM: [],
}

/** The peer socket types a socket of type `local` accepts. */
export function compatiblePeers(local: SocketType): readonly string[] {
  return compatible[local]
}

/** Whether `local` may talk to a peer announcing `peer`. The comparison is exact, as in libzmq. */
export function isCompatible(local: SocketType, peer: string): boolean {
  return compatible[local].includes(peer)
}

/** Whether `local` sends its routing id as the `Identity` property (libzmq: REQ, DEALER, ROUTER). */
export function sendsIdentity(local: SocketType): boolean {
  return local === 'REQ' || local === 'DEALER' || local === 'ROUTER'
}
