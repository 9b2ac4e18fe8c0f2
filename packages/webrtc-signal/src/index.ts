/**
 * The reference signaling server of `@zmtp/transport-webrtc`: a Router on `ws://` (browsers) and `tcp://`
 * (Node) that lets peers announce ids and pass offers, answers and candidates to each other. Run it with
 * {@link startSignalingServer} or the `zmtp-signal` command; reach it with {@link connectSignaling}.
 *
 * @packageDocumentation
 */

export {
  parseSignalArgs,
  type SignalArgs,
  SignalUsageError,
  serveSignalArgs,
  signalOptionsHelp,
  signalUsage,
} from './command.js'
export { connectSignaling } from './connect.js'
export { type SignalingServer, type SignalingServerOptions, startSignalingServer } from './start.js'
