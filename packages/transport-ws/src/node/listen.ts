import type { AddressInfo } from 'node:net'
import { ErrorCode, type Listener, type ListenOptions, TransportError } from '@zmtp/core'
import { formatWsUrl } from '../address.js'
import { DEFAULT_SEND_BUFFER } from '../defaults.js'
import { formatWsEndpoint, type WsEndpoint } from '../endpoint.js'
import type { WsTransportOptions } from '../options.js'
import { attachedHost, type Host, ownedHost } from './http-host.js'
import { wsMaxPayload } from './payload-cap.js'
import { pickPlaceholder, type Route, refuse, restoreSubprotocol } from './upgrade.js'
import { WsConnection } from './ws-connection.js'
import { loadWs } from './ws-module.js'

/** Fragments one message from a browser may come in, at most (the ws library's default). */
const BROWSER_MAX_FRAGMENTS = 16 * 1024

/**
 * Binds one socket to `ws://host:port/path`: a route on a new or shared HTTP server, or on the
 * application's server when `config.server` is given. Resolves with the bound URL, the real port filled in.
 */
export async function listenWs(
  endpoint: WsEndpoint,
  options: ListenOptions,
  config: WsTransportOptions,
): Promise<Listener> {
  const { WebSocketServer } = await loadWs()
  const host = config.server
    ? attachedHost(config.server)
    : await ownedHost(endpoint, config.tls, config.upgradeTimeout)
  if (host.routes.has(endpoint.path)) {
    host.release()
    throw new TransportError(
      ErrorCode.AddressInUse,
      `bind ${endpoint.protocol}://${endpoint.host}:${endpoint.port || '*'}${endpoint.path}: a socket is already bound to that path`,
    )
  }
  const server = (maxFragments: number) => {
    const wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: wsMaxPayload(options.maxMessageSize),
      maxFragments,
      handleProtocols: pickPlaceholder,
    })
    wss.on('headers', restoreSubprotocol)
    // ws's own checks (key, version) fail here; without a listener it would answer 400 silently.
    wss.on('wsClientError', (error, socket) => {
      refuse(socket, 400)
      route.refused(
        new TransportError(ErrorCode.BadUpgrade, `upgrade on ${endpoint.path} refused: ${error.message}`, {
          cause: error,
        }),
      )
    })
    return wss
  }
  const route: Route = {
    path: endpoint.path,
    mechanism: options.mechanism,
    origins: config.origins,
    // libzmq refuses fragmented messages, and so do we from peers like it. Browsers fragment on their own
    // (Chromium splits messages from about 128 KiB, or when its send queue is busy), so connections that
    // come with an Origin may; the reassembled message is still held to maxPayload.
    wss: server(1),
    browserWss: server(BROWSER_MAX_FRAGMENTS),
    unref: options.unref === true,
    accept: (websocket, subprotocol, request) => {
      const socket = request.socket
      if (options.unref) (socket as { unref?: () => unknown }).unref?.()
      const connection = new WsConnection(websocket, {
        subprotocol,
        remoteAddress: formatWsUrl(
          endpoint.protocol,
          socket.remoteAddress ?? '?',
          socket.remotePort ?? 0,
          '',
        ),
        localAddress: formatWsUrl(
          endpoint.protocol,
          socket.localAddress ?? '?',
          socket.localPort ?? 0,
          endpoint.path,
        ),
        sendBufferSize: config.sendBufferSize ?? DEFAULT_SEND_BUFFER,
        stream: socket,
        heartbeatInterval: options.heartbeatInterval ?? 0,
        heartbeatTimeout: options.heartbeatTimeout ?? options.heartbeatInterval ?? 0,
      })
      options.onConnection(connection)
    },
    refused: (error) => options.onError?.(error),
  }
  host.routes.set(endpoint.path, route)
  host.updateRef()
  let closed = false
  return {
    endpoint: boundUrl(host, endpoint),
    async close() {
      if (closed) return
      closed = true
      if (host.routes.get(endpoint.path) === route) host.routes.delete(endpoint.path)
      route.wss.close()
      route.browserWss.close()
      host.release()
    },
  }
}

function boundUrl(host: Host, endpoint: WsEndpoint): string {
  const address = host.server.address() as AddressInfo | string | null
  if (address === null || typeof address === 'string') {
    // The application's server is not listening yet: report the endpoint as given.
    return formatWsEndpoint(endpoint)
  }
  return formatWsUrl(endpoint.protocol, address.address, address.port, endpoint.path)
}
