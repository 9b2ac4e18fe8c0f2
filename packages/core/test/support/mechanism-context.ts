/**
 * Test-only stand-in for the engine around one mechanism handshake: it records what the handshake sends
 * and how it completes, so byte fixtures can be checked command by command without framing.
 */
import {
  type CurveCrypto,
  decodeCommand,
  type MechanismContext,
  type Metadata,
  nobleCurveCrypto,
} from '../../src/index.js'

export interface RecordedContext extends MechanismContext {
  /** Command bodies sent so far. */
  sent: Uint8Array[]
  /** Set once the handshake completes. */
  completed: { metadata: Metadata; userId?: string } | null
  /** The name of the last command sent. */
  lastSent(): string
}

export function mechanismContext(
  metadata: [string, Uint8Array | string][],
  peerAddress = '192.0.2.7',
): RecordedContext {
  const context: RecordedContext = {
    metadata,
    peerMinor: 1,
    peerAddress,
    sent: [],
    completed: null,
    send: (body) => context.sent.push(body.slice()),
    checkPeerMetadata: () => {},
    complete: (peerMetadata, userId) => {
      context.completed = { metadata: peerMetadata, userId }
    },
    lastSent: () => decodeCommand(context.sent.at(-1)!).name,
  }
  return context
}

/**
 * The default crypto with predictable randomness: the n-th call returns bytes all equal to n. The
 * fixtures made with libsodium (test/fixtures) assume exactly this sequence.
 */
export function countingCrypto(): CurveCrypto {
  let calls = 0
  return { ...nobleCurveCrypto, randomBytes: (length) => new Uint8Array(length).fill(++calls) }
}
