import { describe, expect, it } from 'vitest'
import {
  compatiblePeers,
  isCompatible,
  SOCKET_TYPES,
  type SocketType,
  sendsIdentity,
} from '../src/socket-types.js'

// Transcribed from /work/shared/notes/zmtp-wire.md section 3 (RFC 37, libzmq mechanism.cpp check_socket_type),
// written out separately so that a slip in the source table cannot hide behind a shared constant.
// STREAM speaks no ZMTP: it is checked on its own below.
type ZmtpType = Exclude<SocketType, 'STREAM'>
const EXPECTED: Record<ZmtpType, SocketType[]> = {
  REQ: ['REP', 'ROUTER'],
  REP: ['REQ', 'DEALER'],
  DEALER: ['REP', 'DEALER', 'ROUTER'],
  ROUTER: ['REQ', 'DEALER', 'ROUTER'],
  PUB: ['SUB', 'XSUB'],
  XPUB: ['SUB', 'XSUB'],
  SUB: ['PUB', 'XPUB'],
  XSUB: ['PUB', 'XPUB'],
  PUSH: ['PULL'],
  PULL: ['PUSH'],
  PAIR: ['PAIR'],
}

const ALL = Object.keys(EXPECTED) as ZmtpType[]
const pairs = ALL.flatMap((local) =>
  ALL.map((peer) => [local, peer, EXPECTED[local].includes(peer)] as const),
)

describe('socket-type compatibility', () => {
  it('lists exactly the eleven non-draft socket types', () => {
    expect([...SOCKET_TYPES].sort()).toEqual([...ALL].sort())
  })

  it.each(pairs)('%s with peer %s: %s', (local, peer, expected) => {
    expect(isCompatible(local, peer)).toBe(expected)
  })

  it.each(ALL)('compatiblePeers(%s) matches the table', (local) => {
    expect([...compatiblePeers(local)].sort()).toEqual([...EXPECTED[local]].sort())
  })

  it('is symmetric', () => {
    for (const [local, peer] of pairs) {
      expect(isCompatible(local, peer), `${local}/${peer}`).toBe(isCompatible(peer, local))
    }
  })

  it.each(ALL)('%s rejects draft types, unknown names and names in another case', (local) => {
    const names = [
      'CLIENT',
      'SERVER',
      'RADIO',
      'DISH',
      'SCATTER',
      'GATHER',
      'PEER',
      'CHANNEL',
      'DGRAM',
      'STREAM',
    ]
    for (const peer of [...names, '', ...EXPECTED[local].map((type) => type.toLowerCase())]) {
      expect(isCompatible(local, peer), peer).toBe(false)
    }
  })
})

describe('STREAM', () => {
  it('is compatible with no socket type, and no ZMTP socket type with it', () => {
    expect(compatiblePeers('STREAM')).toEqual([])
    for (const type of ALL) {
      expect(isCompatible('STREAM', type)).toBe(false)
      expect(isCompatible(type, 'STREAM')).toBe(false)
    }
    expect(SOCKET_TYPES).not.toContain('STREAM')
    expect(sendsIdentity('STREAM')).toBe(false)
  })
})

describe('sendsIdentity', () => {
  it.each(ALL)('%s', (local) => {
    expect(sendsIdentity(local)).toBe(local === 'REQ' || local === 'DEALER' || local === 'ROUTER')
  })
})
