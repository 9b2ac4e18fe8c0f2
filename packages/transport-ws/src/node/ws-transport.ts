import type { Connection, DialOptions, Endpoint, Listener, ListenOptions, Transport } from '@zmtp/core'
import { served } from '../address.js'
import { formatWsEndpoint, parseWsEndpoint, WS_PROTOCOLS, type WsEndpoint } from '../endpoint.js'
import { dialNative } from '../native/native-dial.js'
import type { WsTransportOptions } from '../options.js'
import { wsClientKind } from '../runtime.js'
import { dialWs } from './dial.js'
import { listenWs } from './listen.js'

/**
 * The `ws://` and `wss://` transport (ZWS 2.0, RFC 45) for Node, built on the `ws` library. Pass it to a
 * socket's `transports` option, or register it for every socket with `registerTransport(ws())`.
 * Also serves Bun and Deno: under Bun, connects go through Bun's own `WebSocket` (see `wsClientKind`).
 *
 * @param options - settings for every listener and connection it makes; see {@link WsTransportOptions}.
 */
export function ws(options: WsTransportOptions = {}): Transport<WsEndpoint> {
  const dial = wsClientKind() === 'global-websocket' ? dialNative : dialWs
  return {
    name: 'ws',
    protocols: WS_PROTOCOLS,
    parse: parseWsEndpoint,
    format: formatWsEndpoint,
    async listen(endpoint: Endpoint, listenOptions: ListenOptions): Promise<Listener> {
      return listenWs(served(endpoint), listenOptions, options)
    },
    async dial(endpoint: Endpoint, dialOptions: DialOptions): Promise<Connection> {
      return dial(served(endpoint), dialOptions, options)
    },
  }
}
