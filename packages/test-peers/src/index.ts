/**
 * Test-only drivers for real ZeroMQ peers. `startLibzmq()` runs real libzmq sockets in a Debian
 * `python3-zmq` process so interop tests can check this project on the wire against the reference
 * library. Never shipped: the package is private.
 */

export type { PeerExit } from './channel.js'
export { LIBZMQ_UNAVAILABLE, LibzmqError, PeerExitedError, PeerUnavailableError } from './errors.js'
export {
  DEBIAN_PYTHON,
  type LibzmqOptions,
  LibzmqPeer,
  type LibzmqVersions,
  libzmqAvailable,
  startLibzmq,
  type ZapConfig,
  type ZapRecord,
} from './libzmq.js'
export {
  type LibzmqOptionName,
  LibzmqSocket,
  type LibzmqSocketType,
  type TimeoutOptions,
} from './libzmq-socket.js'
export type { MonitorEvent, MonitorEventName } from './monitor.js'
export { type PeerMode, peerMode, requireLibzmq, requirePeer } from './peer-mode.js'
export type { Frame, OptionValue } from './wire.js'
