/**
 * What the test pages reach as `globalThis.zmtp`: the value exports of @zmtp/patterns and the browser
 * `ws()` (picked by the `browser` export condition of @zmtp/transport-ws). Named one by one, not spread
 * from the namespace, so the bundle without security leaves out `curveKeyPair` and `curvePublicKey`, and
 * with them CURVE's cryptography; src/secure-entry.ts adds them.
 */

import {
  AuthError,
  Authenticator,
  Dealer,
  EndpointError,
  ErrorCode,
  isZmtpError,
  Pair,
  PeerError,
  ProtocolError,
  Proxy as ProxySocket,
  Publisher,
  Pull,
  Push,
  Reply,
  Request,
  Router,
  registerTransport,
  Socket,
  SocketError,
  Subscriber,
  TimeoutError,
  TransportError,
  unregisterTransport,
  XPublisher,
  XSubscriber,
  ZAP_ENDPOINT,
  ZmtpError,
} from '@zmtp/patterns'
import { ws } from '@zmtp/transport-ws'

/** The page's API without security: every value export of @zmtp/patterns but the CURVE key helpers. */
export const pageApi = Object.freeze({
  AuthError,
  Authenticator,
  Dealer,
  EndpointError,
  ErrorCode,
  isZmtpError,
  Pair,
  PeerError,
  ProtocolError,
  Proxy: ProxySocket,
  Publisher,
  Pull,
  Push,
  Reply,
  Request,
  Router,
  registerTransport,
  Socket,
  SocketError,
  Subscriber,
  TimeoutError,
  TransportError,
  unregisterTransport,
  XPublisher,
  XSubscriber,
  ZAP_ENDPOINT,
  ZmtpError,
  ws,
})

/** The page's API: what tests reach as `zmtp` inside `page.evaluate`. */
export type ZmtpBrowser = typeof pageApi

declare global {
  var zmtp: ZmtpBrowser
}
