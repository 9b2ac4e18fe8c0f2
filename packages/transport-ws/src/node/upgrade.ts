import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { ErrorCode, TransportError, type ZmtpError } from '@zmtp/core'
import type { WebSocket, WebSocketServer } from 'ws'
import type { OriginPolicy } from '../options.js'
import { chooseSubprotocol, parseOffer, ZWS_LEGACY } from '../subprotocols.js'

/** One socket's binding: a path on an HTTP server, and what to do with the connections it accepts. */
export interface Route {
  readonly path: string
  readonly mechanism: string
  readonly origins: OriginPolicy | undefined
  /** A `noServer` WebSocketServer per route, so each socket has its own maximum payload. */
  readonly wss: WebSocketServer
  /** The same, allowing fragmented messages: for browsers (requests with an `Origin`). */
  readonly browserWss: WebSocketServer
  accept(websocket: WebSocket, subprotocol: string, request: IncomingMessage): void
  /** Reports a refused or failed upgrade to the socket (a monitor event). */
  refused(error: ZmtpError): void
  /** Whether this route's socket lets the process exit while it only listens (`unref`). */
  readonly unref: boolean
}

/**
 * The name `ws` sees instead of the client's list. ws parses `Sec-WebSocket-Protocol` as RFC 6455 tokens
 * and answers 400 to `ZWS2.0/NULL`, so we choose the subprotocol ourselves, show ws a valid token, and
 * put the chosen name back into the 101 response (see {@link restoreSubprotocol}).
 */
const PLACEHOLDER = ZWS_LEGACY
const chosenByRequest = new WeakMap<IncomingMessage, string>()

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
}

/** Answers an upgrade request with an HTTP error and closes the connection. */
export function refuse(socket: Duplex, status: number): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const text = STATUS_TEXT[status] ?? 'Error'
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  // end() waits for the peer to read; a peer that never does must not hold the socket open.
  setTimeout(() => socket.destroy(), 1000).unref()
}

function originAllowed(policy: OriginPolicy | undefined, origin: string): boolean {
  if (policy === undefined) return true
  return typeof policy === 'function' ? policy(origin) : policy.includes(origin)
}

/**
 * Runs the checks libzmq runs on an upgrade (a subprotocol it speaks) plus ours (the origin allow-list),
 * then lets `ws` complete the handshake for the route's socket.
 */
export function upgrade(route: Route, request: IncomingMessage, socket: Duplex, head: Buffer): void {
  const origin = request.headers.origin
  if (origin !== undefined && !originAllowed(route.origins, origin)) {
    refuse(socket, 403)
    route.refused(
      new TransportError(
        ErrorCode.Forbidden,
        `upgrade on ${route.path} refused: origin ${origin} is not allowed`,
      ),
    )
    return
  }
  const offered = parseOffer(request.headers['sec-websocket-protocol'])
  const chosen = chooseSubprotocol(offered, route.mechanism)
  if (chosen === undefined) {
    refuse(socket, 400)
    const list = offered.length === 0 ? 'none' : offered.join(', ')
    route.refused(
      new TransportError(
        ErrorCode.BadUpgrade,
        `upgrade on ${route.path} refused: no ZWS 2.0 subprotocol for ${route.mechanism} among the offered (${list})`,
      ),
    )
    return
  }
  request.headers['sec-websocket-protocol'] = PLACEHOLDER
  chosenByRequest.set(request, chosen)
  const wss = origin === undefined ? route.wss : route.browserWss
  wss.handleUpgrade(request, socket, head, (websocket) => route.accept(websocket, chosen, request))
}

/** `handleProtocols` of every route's WebSocketServer: the placeholder is the only name it sees. */
export function pickPlaceholder(): string {
  return PLACEHOLDER
}

/** The WebSocketServer's `headers` listener: writes the real subprotocol into the 101 response. */
export function restoreSubprotocol(headers: string[], request: IncomingMessage): void {
  const chosen = chosenByRequest.get(request)
  if (chosen === undefined) return
  const index = headers.findIndex((line) => line.toLowerCase().startsWith('sec-websocket-protocol:'))
  const line = `Sec-WebSocket-Protocol: ${chosen}`
  if (index >= 0) headers[index] = line
  else headers.push(line)
}
