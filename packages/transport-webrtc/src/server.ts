/**
 * The reference signaling server, run on a zmtp Router you bind (`ws://` for browsers, `tcp://` for Node).
 * The `zmtp-signal` command of `@zmtp/webrtc-signal` runs one from the command line.
 *
 * @packageDocumentation
 */

export { SignalingError } from './errors.js'
export {
  type ClientRequest,
  decodeReply,
  decodeRequest,
  encodeReply,
  encodeRequest,
  type ServerReply,
} from './signaling/codec.js'
export {
  type SignalingRouter,
  type SignalingServerOptions,
  type SignalingService,
  serveSignaling,
} from './signaling/server.js'
