import { abortReason, type Connection, type DialOptions, ErrorCode, TransportError } from '@zmtp/core'
import { dialUrl } from '../address.js'
import { BrowserConnection } from '../browser/browser-connection.js'
import { awaitOpen } from '../browser/open-websocket.js'
import { DEFAULT_OPEN_TIMEOUT, DEFAULT_RECEIVE_BUFFER_LIMIT, DEFAULT_SEND_BUFFER } from '../defaults.js'
import type { WsEndpoint } from '../endpoint.js'
import { connectOffer } from '../offer.js'
import type { WsTransportOptions } from '../options.js'

/** Bun's `WebSocket` constructor takes headers in its second argument; the W3C one does not. */
type HeaderWebSocket = new (
  url: string,
  options: { headers: Record<string, string>; protocols?: string[] },
) => WebSocket

/**
 * Connects through the runtime's own `WebSocket` (Bun), offering the same subprotocols as the `ws` path.
 * Names such as `ZWS2.0/NULL` are not RFC 6455 tokens, so the constructor refuses them as `protocols`;
 * written as a header they go out as libzmq sends them, and Bun reports the server's choice in `protocol`.
 * The connection is the same {@link BrowserConnection} a page uses: W3C events, `bufferedAmount` polling.
 */
export async function dialNative(
  endpoint: WsEndpoint,
  options: DialOptions,
  config: WsTransportOptions,
): Promise<Connection> {
  const { signal } = options
  if (signal?.aborted) throw abortReason(signal)
  const url = dialUrl(endpoint)
  const offer = connectOffer(url, options.mechanism, config.subprotocols)
  if (endpoint.protocol === 'wss' && config.connectTls !== undefined) {
    throw new TransportError(
      ErrorCode.TransportUnsupported,
      `connect ${url}: connectTls is not supported by this runtime's WebSocket client`,
    )
  }
  const NativeWebSocket = WebSocket as unknown as HeaderWebSocket
  const socket = new NativeWebSocket(url, {
    headers: { ...config.headers, 'Sec-WebSocket-Protocol': offer.join(', ') },
  })
  socket.binaryType = 'arraybuffer'
  const open = await awaitOpen(socket, url, offer, signal, config.openTimeout ?? DEFAULT_OPEN_TIMEOUT)
  return new BrowserConnection(open, {
    remoteAddress: url,
    sendBufferSize: config.sendBufferSize ?? DEFAULT_SEND_BUFFER,
    receiveBufferLimit: DEFAULT_RECEIVE_BUFFER_LIMIT,
  })
}
