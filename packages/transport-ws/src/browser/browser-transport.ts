import {
  abortReason,
  type Connection,
  type DialOptions,
  type Endpoint,
  ErrorCode,
  type Listener,
  type Transport,
  TransportError,
} from '@zmtp/core'
import { dialUrl, served } from '../address.js'
import { DEFAULT_RECEIVE_BUFFER_LIMIT, DEFAULT_SEND_BUFFER } from '../defaults.js'
import { formatWsEndpoint, parseWsEndpoint, WS_PROTOCOLS, type WsEndpoint } from '../endpoint.js'
import { browserOffer } from '../subprotocols.js'
import { BrowserConnection } from './browser-connection.js'
import type { BrowserWsTransportOptions } from './browser-options.js'
import { awaitOpen } from './open-websocket.js'

/**
 * The `ws://` and `wss://` transport in a browser, over the native `WebSocket`. Browsers can only
 * connect; `bind()` fails with `ERR_TRANSPORT_UNSUPPORTED`.
 *
 * It offers `ZWS2.0-NULL` first (our alias of `ZWS2.0/NULL`, which a browser cannot send) and `ZWS2.0`
 * second: a zmtp server in Node runs the full handshake, a libzmq server falls back to legacy mode.
 */
export function ws(options: BrowserWsTransportOptions = {}): Transport<WsEndpoint> {
  const sendBufferSize = options.sendBufferSize ?? DEFAULT_SEND_BUFFER
  const receiveBufferLimit = options.receiveBufferLimit ?? DEFAULT_RECEIVE_BUFFER_LIMIT
  return {
    name: 'ws',
    protocols: WS_PROTOCOLS,
    parse: parseWsEndpoint,
    format: formatWsEndpoint,
    async listen(): Promise<Listener> {
      throw new TransportError(
        ErrorCode.TransportUnsupported,
        'a browser cannot listen for WebSocket connections: bind in Node and connect() from the page',
      )
    },
    dial(endpoint: Endpoint, dialOptions: DialOptions): Promise<Connection> {
      const { signal } = dialOptions
      if (signal?.aborted) return Promise.reject(abortReason(signal))
      const url = dialUrl(served(endpoint))
      const offer = browserOffer(dialOptions.mechanism)
      return new Promise((resolve, reject) => {
        let socket: WebSocket
        try {
          socket = new WebSocket(url, offer)
        } catch (error) {
          reject(
            new TransportError(ErrorCode.InvalidArgument, `connect ${url}: ${(error as Error).message}`, {
              cause: error,
            }),
          )
          return
        }
        socket.binaryType = 'arraybuffer'
        awaitOpen(socket, url, offer, signal).then(
          (open) =>
            resolve(new BrowserConnection(open, { remoteAddress: url, sendBufferSize, receiveBufferLimit })),
          reject,
        )
      })
    },
  }
}
