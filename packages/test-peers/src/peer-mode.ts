import { PeerUnavailableError } from './errors.js'
import { libzmqAvailable } from './libzmq.js'

/** `'required'`: a missing peer fails the tests. `'optional'`: tests may skip without it. */
export type PeerMode = 'required' | 'optional'

/** Peers are required on CI (`CI` set to `'true'` or `'1'`), optional elsewhere. */
export function peerMode(env: NodeJS.ProcessEnv = process.env): PeerMode {
  return env.CI === 'true' || env.CI === '1' ? 'required' : 'optional'
}

/**
 * Decides whether tests needing the peer `name` run: `'run'` when it is available; when it is not,
 * throws a {@link PeerUnavailableError} in required mode (failing the test file), else warns and
 * returns `'skip'`.
 */
export function requirePeer(name: string, available: boolean, hint = ''): 'run' | 'skip' {
  if (available) return 'run'
  const message = `${name} peer unavailable${hint ? `: ${hint}` : ''}`
  if (peerMode() === 'required') throw new PeerUnavailableError(`${message} (required because CI is set)`)
  console.warn(`[test-peers] ${message}; skipping its tests (they fail instead when CI=true)`)
  return 'skip'
}

/** {@link requirePeer} for the libzmq peer. */
export function requireLibzmq(): 'run' | 'skip' {
  return requirePeer('libzmq', libzmqAvailable(), 'install python3-zmq (Debian)')
}
