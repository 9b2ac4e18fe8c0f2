import { createServer, type Server as HttpServer, type IncomingMessage } from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { ErrorCode, fromSystemError, TransportError } from '@zmtp/core'
import { DEFAULT_UPGRADE_TIMEOUT } from '../defaults.js'
import { formatWsEndpoint, type WsEndpoint } from '../endpoint.js'
import { type Route, refuse, upgrade } from './upgrade.js'

type Server = HttpServer | HttpsServer

/**
 * How often Node's HTTP server looks for requests past their timeout, in ms, for a given timeout. Node
 * checks every `connectionsCheckingInterval` (30 s by default), so a 30 s timeout took up to 60 s to act;
 * checking ten times per timeout (at most every second) enforces it within 10% of the stated time.
 */
export function timeoutCheckInterval(timeout: number): number {
  return Math.max(10, Math.min(1000, Math.ceil(timeout / 10)))
}

/**
 * An HTTP(S) server carrying the routes (paths) of one or more sockets. Several sockets bound to the same
 * port share one host, each on its own path. A host we created answers what is not a known upgrade with an
 * HTTP error; a host attached to the application's server leaves such requests to the application.
 */
export class Host {
  readonly routes = new Map<string, Route>()

  constructor(
    readonly server: Server,
    readonly owned: boolean,
    /** The key this host is shared under in {@link ownedHosts}, once listening. */
    public key?: string,
  ) {
    server.on('upgrade', this.#onUpgrade)
    if (owned) {
      server.on('request', (_request, response) => {
        response.writeHead(426, { Upgrade: 'websocket', Connection: 'Upgrade' }).end()
      })
      server.on('clientError', this.#onClientError)
    }
  }

  /** The port actually listened on, once listening. */
  get port(): number | undefined {
    const address = this.server.address()
    return address !== null && typeof address === 'object' ? (address as AddressInfo).port : undefined
  }

  /**
   * A server we created keeps the process alive while some route's socket wants it to; the application's
   * own server is left as it is.
   */
  updateRef(): void {
    if (!this.owned) return
    const server = this.server as { ref?: () => unknown; unref?: () => unknown }
    const keep = [...this.routes.values()].some((route) => !route.unref)
    if (keep) server.ref?.()
    else server.unref?.()
  }

  /** Stops the host when no route is left: closes the server we created, or detaches from the application's. */
  release(): void {
    if (this.routes.size > 0) {
      this.updateRef()
      return
    }
    if (this.owned) {
      if (this.key !== undefined) ownedHosts.delete(this.key)
      this.server.close()
      this.server.closeIdleConnections()
    } else {
      this.server.off('upgrade', this.#onUpgrade)
      attachedHosts.delete(this.server)
    }
  }

  readonly #onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const route = this.routes.get(pathOf(request.url))
    if (route) {
      upgrade(route, request, socket, head)
    } else if (this.owned) {
      refuse(socket, 404)
      this.#report(
        new TransportError(ErrorCode.BadUpgrade, `upgrade refused: no socket bound to ${request.url}`),
      )
    }
  }

  /** Bytes that are not HTTP at all (garbage before the upgrade), or headers that never finish. */
  readonly #onClientError = (error: Error, socket: Duplex): void => {
    refuse(socket, 400)
    this.#report(
      new TransportError(ErrorCode.BadUpgrade, `malformed upgrade request: ${error.message}`, {
        cause: error,
      }),
    )
  }

  /** An error not tied to one route goes to every socket on this port. */
  #report(error: TransportError): void {
    for (const route of this.routes.values()) route.refused(error)
  }
}

function pathOf(url: string | undefined): string {
  if (!url) return '/'
  const query = url.indexOf('?')
  return query < 0 ? url : url.slice(0, query)
}

/** Hosts we created, by `protocol|host|port`, so that a later bind to the same port adds a path. */
const ownedHosts = new Map<string, Host>()
const attachedHosts = new WeakMap<Server, Host>()

function hostKey(protocol: string, host: string, port: number): string {
  return `${protocol}|${host}|${port}`
}

/** The host for the application's own server, created on first use. */
export function attachedHost(server: Server): Host {
  let host = attachedHosts.get(server)
  if (!host) {
    host = new Host(server, false)
    attachedHosts.set(server, host)
  }
  return host
}

/** The host already serving `endpoint`'s port, or a new server listening there. */
export async function ownedHost(
  endpoint: WsEndpoint,
  tls: object | undefined,
  upgradeTimeout: number = DEFAULT_UPGRADE_TIMEOUT,
): Promise<Host> {
  if (endpoint.port !== 0) {
    const existing = ownedHosts.get(hostKey(endpoint.protocol, endpoint.host, endpoint.port))
    if (existing) return existing
  }
  if (endpoint.protocol === 'wss' && tls === undefined) {
    throw new TransportError(
      ErrorCode.InvalidArgument,
      'binding wss:// needs a certificate: pass ws({ tls: { key, cert } }) or ws({ server: httpsServer })',
    )
  }
  // Requests must finish their headers in time, so a stalled (slowloris) upgrade cannot hold a connection.
  const timeouts = {
    headersTimeout: upgradeTimeout,
    requestTimeout: upgradeTimeout,
    connectionsCheckingInterval: timeoutCheckInterval(upgradeTimeout),
  }
  const server =
    endpoint.protocol === 'wss' ? createHttpsServer({ ...tls, ...timeouts }) : createServer(timeouts)
  await listen(server, endpoint)
  const host = new Host(server, true)
  host.key = hostKey(endpoint.protocol, endpoint.host, host.port!)
  ownedHosts.set(host.key, host)
  return host
}

function listen(server: Server, endpoint: WsEndpoint): Promise<void> {
  // `*` is every IPv4 interface, as libzmq binds it without ZMQ_IPV6.
  const host = endpoint.host === '*' ? '0.0.0.0' : endpoint.host
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(fromSystemError(error, 'bind', formatWsEndpoint(endpoint)))
    server.once('error', onError)
    server.listen({ host, port: endpoint.port }, () => {
      server.off('error', onError)
      resolve()
    })
  })
}
