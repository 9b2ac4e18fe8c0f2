import {
  abortReason,
  type Connection,
  type DialOptions,
  ErrorCode,
  TimeoutError,
  TransportError,
} from '@zmtp/core'
import { dialUrl } from '../address.js'
import { BrowserConnection } from '../browser/browser-connection.js'
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
export function dialNative(
  endpoint: WsEndpoint,
  options: DialOptions,
  config: WsTransportOptions,
): Promise<Connection> {
  const { signal } = options
  if (signal?.aborted) return Promise.reject(abortReason(signal))
  let url: string
  let offer: string[]
  try {
    url = dialUrl(endpoint)
    offer = connectOffer(url, options.mechanism, config.subprotocols)
  } catch (error) {
    return Promise.reject(error)
  }
  if (endpoint.protocol === 'wss' && config.connectTls !== undefined) {
    return Promise.reject(
      new TransportError(
        ErrorCode.TransportUnsupported,
        `connect ${url}: connectTls is not supported by this runtime's WebSocket client`,
      ),
    )
  }
  const NativeWebSocket = WebSocket as unknown as HeaderWebSocket
  const socket = new NativeWebSocket(url, {
    headers: { ...config.headers, 'Sec-WebSocket-Protocol': offer.join(', ') },
  })
  socket.binaryType = 'arraybuffer'
  return new Promise<Connection>((resolve, reject) => {
    let settled = false
    const timer = setTimeout(
      () =>
        fail(
          new TimeoutError(ErrorCode.HandshakeTimeout, `connect ${url} failed: the upgrade took too long`),
        ),
      config.openTimeout ?? DEFAULT_OPEN_TIMEOUT,
    )
    const fail = (error: unknown) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      socket.onopen = socket.onerror = socket.onclose = null
      socket.close()
      reject(error)
    }
    const onAbort = () => fail(abortReason(signal!))
    signal?.addEventListener('abort', onAbort, { once: true })
    socket.onerror = () =>
      fail(
        new TransportError(
          ErrorCode.ConnectionRefused,
          `connect ${url} failed (refused, or the upgrade was rejected)`,
        ),
      )
    socket.onclose = () =>
      fail(
        new TransportError(ErrorCode.ConnectionRefused, `connect ${url} failed: closed during the upgrade`),
      )
    socket.onopen = () => {
      if (!offer.includes(socket.protocol)) {
        const chosen = socket.protocol === '' ? 'no subprotocol' : `"${socket.protocol}"`
        fail(
          new TransportError(
            ErrorCode.BadUpgrade,
            `connect ${url} failed: the server chose ${chosen}, we offered ${offer.join(', ')}`,
          ),
        )
        return
      }
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      socket.onopen = socket.onerror = socket.onclose = null
      resolve(
        new BrowserConnection(socket, {
          remoteAddress: url,
          sendBufferSize: config.sendBufferSize ?? DEFAULT_SEND_BUFFER,
          receiveBufferLimit: DEFAULT_RECEIVE_BUFFER_LIMIT,
        }),
      )
    }
  })
}
