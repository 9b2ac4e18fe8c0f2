/**
 * @zmtp/transport-ws in a browser: `ws://` and `wss://` connects over the native WebSocket, ZWS 2.0.
 * Bundlers pick this file through the package's `browser` export condition; it imports nothing from Node.
 *
 * @example
 * ```ts
 * import { Subscriber } from '@zmtp/patterns'
 * import { ws } from '@zmtp/transport-ws'
 *
 * const subscriber = new Subscriber({ transports: [ws()] })
 * subscriber.connect('ws://localhost:8080/prices')
 * subscriber.subscribe('EUR')
 * for await (const [topic, price] of subscriber) console.log(topic, price)
 * ```
 *
 * @packageDocumentation
 */

export type { BrowserWsTransportOptions } from './browser/browser-options.js'
export { ws } from './browser/browser-transport.js'
export { formatWsEndpoint, parseWsEndpoint, WS_PROTOCOLS, type WsEndpoint } from './endpoint.js'
export {
  accepts,
  aliasSubprotocol,
  browserOffer,
  chooseSubprotocol,
  nodeOffer,
  rfcSubprotocol,
  ZWS_LEGACY,
} from './subprotocols.js'
