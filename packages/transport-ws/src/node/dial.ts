import type { ClientRequest, IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { abortReason, type Connection, type DialOptions, ErrorCode, TransportError } from '@zmtp/core'
import { dialUrl } from '../address.js'
import { DEFAULT_OPEN_TIMEOUT, DEFAULT_SEND_BUFFER } from '../defaults.js'
import type { WsEndpoint } from '../endpoint.js'
import { dialError } from '../errors.js'
import type { WsTransportOptions } from '../options.js'
import { accepts, nodeOffer } from '../subprotocols.js'
import { wsMaxPayload } from './payload-cap.js'
import { WsConnection } from './ws-connection.js'
import { loadWs } from './ws-module.js'

/**
 * Opens one WebSocket and resolves once the upgrade is done, offering `ZWS2.0/NULL, ZWS2.0` as libzmq does.
 *
 * The `ws` client refuses subprotocol names with `/`, so we write the header ourselves and take the
 * server's answer off the response before `ws` reads it (ws would reject a subprotocol it did not offer);
 * `ws` still checks everything else, including `Sec-WebSocket-Accept`.
 */
export async function dialWs(
  endpoint: WsEndpoint,
  options: DialOptions,
  config: WsTransportOptions,
): Promise<Connection> {
  const { signal } = options
  if (signal?.aborted) throw abortReason(signal)
  const url = dialUrl(endpoint)
  const offer = config.subprotocols ? [...config.subprotocols] : nodeOffer(options.mechanism)
  const unsuitable = offer.find((name) => !accepts(options.mechanism, name))
  if (offer.length === 0 || unsuitable !== undefined) {
    throw new TransportError(
      ErrorCode.InvalidArgument,
      `connect ${url}: cannot offer ${unsuitable === undefined ? 'no subprotocol' : `"${unsuitable}"`} with the ${options.mechanism} mechanism`,
    )
  }
  const { WebSocket } = await loadWs()
  if (signal?.aborted) throw abortReason(signal)
  let chosen: string | undefined
  let stream: Duplex | undefined
  const socket = new WebSocket(url, {
    ...config.connectTls,
    headers: config.headers ? { ...config.headers } : undefined,
    perMessageDeflate: false,
    maxPayload: wsMaxPayload(options.maxMessageSize),
    // Servers (libzmq, ours) never fragment; a fragmented message is refused, as libzmq refuses it.
    maxFragments: 1,
    handshakeTimeout: config.openTimeout ?? DEFAULT_OPEN_TIMEOUT,
    finishRequest: (request: ClientRequest) => {
      request.setHeader('Sec-WebSocket-Protocol', offer.join(', '))
      // The TCP socket under the upgrade (and then under the WebSocket) need not keep the process alive.
      if (options.unref) request.on('socket', (tcp) => (tcp as { unref?: () => unknown }).unref?.())
      request.prependListener('upgrade', (response: IncomingMessage, upgraded: Duplex) => {
        stream = upgraded
        const header = response.headers['sec-websocket-protocol']
        chosen = typeof header === 'string' ? header.trim() : undefined
        delete response.headers['sec-websocket-protocol']
      })
      request.end()
    },
  })
  return new Promise<Connection>((resolve, reject) => {
    let settled = false
    const fail = (error: unknown) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      socket.terminate()
      reject(error)
    }
    const onAbort = () => fail(abortReason(signal!))
    const onError = (error: Error) => fail(dialError(error, url))
    const onClose = () =>
      fail(
        new TransportError(ErrorCode.ConnectionRefused, `connect ${url} failed: closed during the upgrade`),
      )
    signal?.addEventListener('abort', onAbort, { once: true })
    socket.on('error', onError)
    socket.on('close', onClose)
    socket.once('open', () => {
      if (settled) return
      if (chosen === undefined || !offer.includes(chosen)) {
        fail(
          new TransportError(
            ErrorCode.BadUpgrade,
            `connect ${url} failed: the server chose ${chosen === undefined ? 'no subprotocol' : `"${chosen}"`}, we offered ${offer.join(', ')}`,
          ),
        )
        return
      }
      settled = true
      signal?.removeEventListener('abort', onAbort)
      socket.off('error', onError)
      socket.off('close', onClose)
      resolve(
        new WsConnection(socket, {
          subprotocol: chosen,
          remoteAddress: url,
          sendBufferSize: config.sendBufferSize ?? DEFAULT_SEND_BUFFER,
          stream,
          heartbeatInterval: options.heartbeatInterval ?? 0,
          heartbeatTimeout: options.heartbeatTimeout ?? options.heartbeatInterval ?? 0,
        }),
      )
    })
  })
}
