/**
 * @zmtp/transport-ws: `ws://` and `wss://` for zmtp sockets, speaking ZWS 2.0 (RFC 45), the WebSocket
 * mapping of ZMTP that libzmq implements. In Node it binds and connects through the `ws` library; in a
 * browser (picked by the package's `browser` export condition) it connects through the native WebSocket.
 *
 * @example
 * ```ts
 * import { Reply, Request } from '@zmtp/patterns'
 * import { ws } from '@zmtp/transport-ws'
 *
 * const reply = new Reply({ transports: [ws()] })
 * await reply.bind('ws://127.0.0.1:8080/echo')
 *
 * const request = new Request({ transports: [ws()] })
 * request.connect('ws://127.0.0.1:8080/echo')
 * await request.send('ping')
 * ```
 *
 * @packageDocumentation
 */

export { formatWsEndpoint, parseWsEndpoint, WS_PROTOCOLS, type WsEndpoint } from './endpoint.js'
export { ws } from './node/ws-transport.js'
export type { OriginPolicy, WsTransportOptions } from './options.js'
export {
  accepts,
  aliasSubprotocol,
  browserOffer,
  chooseSubprotocol,
  nodeOffer,
  rfcSubprotocol,
  ZWS_LEGACY,
} from './subprotocols.js'
