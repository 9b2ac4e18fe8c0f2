/**
 * The public API of @zmtp/patterns, shared by its two entries: `index.ts` (Node, Bun, Deno: PLAIN and
 * CURVE registered) and `browser.ts` (bundlers' `browser` condition: the mechanisms left to
 * `@zmtp/patterns/security`). Importing `curveKeyPair` from here does not register CURVE.
 */

export type {
  Authenticate,
  CurveKey,
  CurveKeyPair,
  Transport,
  ZapReply,
  ZapRequest,
  ZapStatus,
} from '@zmtp/core'
export {
  AuthError,
  curveKeyPair,
  curvePublicKey,
  EndpointError,
  ErrorCode,
  isZmtpError,
  PeerError,
  ProtocolError,
  registerTransport,
  SocketError,
  TimeoutError,
  TransportError,
  unregisterTransport,
  ZmtpError,
} from '@zmtp/core'
export type { Readable, Writable } from './capabilities.js'
export type {
  ConnectDelayEvent,
  ConnectRetryEvent,
  DisconnectEvent,
  EndEvent,
  EndpointErrorEvent,
  EndpointEvent,
  HandshakeEvent,
  SocketEvent,
  SocketEventListener,
  SocketEventMap,
  SocketEvents,
  SocketEventType,
} from './events.js'
export type { Message, MessageLike } from './message.js'
export { InvalidOptionError, type SocketOptions, type SocketSettings } from './options.js'
export { Proxy } from './proxy.js'
export { Authenticator, type AuthenticatorOptions } from './security/authenticator.js'
export { ZAP_ENDPOINT } from './security/inproc-zap.js'
export type { SecurityOptions } from './security/security-options.js'
export { Socket } from './socket.js'
export { Dealer, type DealerOptions } from './sockets/dealer.js'
export { Pair } from './sockets/pair.js'
export { Publisher } from './sockets/publisher.js'
export { Pull } from './sockets/pull.js'
export { Push } from './sockets/push.js'
export { Reply } from './sockets/reply.js'
export { Request, type RequestOptions } from './sockets/request.js'
export { Router, type RouterConnectOptions, type RouterOptions } from './sockets/router.js'
export { Subscriber } from './sockets/subscriber.js'
export { XPublisher, type XPublisherOptions } from './sockets/xpublisher.js'
export { XSubscriber } from './sockets/xsubscriber.js'
