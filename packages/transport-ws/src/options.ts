import type { Server as HttpServer } from 'node:http'
import type { Server as HttpsServer, ServerOptions as HttpsServerOptions } from 'node:https'
import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls'

/** Who may connect from a browser page: a list of exact origins, or a function deciding per origin. */
export type OriginPolicy = readonly string[] | ((origin: string) => boolean)

/** Options of `ws()` in Node. Every field is optional; the defaults suit a local service. */
export interface WsTransportOptions {
  /**
   * Serve `bind()` from this existing `http` or `https` server (the application starts and stops it)
   * instead of one the transport creates. Only the upgrade requests whose path a socket bound are
   * taken; other upgrades and plain requests are left to the server's other listeners.
   */
  server?: HttpServer | HttpsServer
  /** Certificate and key for `wss://` binds (the options of `https.createServer`). */
  tls?: HttpsServerOptions
  /**
   * TLS settings for `wss://` connects: `ca` to trust a private certificate authority, `cert`/`key`
   * for client certificates, `servername`, `rejectUnauthorized`.
   */
  connectTls?: Pick<
    TlsConnectionOptions,
    'ca' | 'cert' | 'key' | 'passphrase' | 'pfx' | 'servername' | 'rejectUnauthorized'
  >
  /**
   * Browser origins allowed to connect, checked on upgrade against the `Origin` header. A request with
   * no `Origin` (libzmq, Node clients) is not a browser's and is always allowed. Default: every origin.
   */
  origins?: OriginPolicy
  /**
   * Octets queued in the WebSocket above which a connection reports itself full, so that the socket's
   * high-water marks take over (default 1 MiB).
   */
  sendBufferSize?: number
  /**
   * The subprotocols a connect offers, in order of preference. Default: `ZWS2.0/NULL, ZWS2.0` with the
   * NULL mechanism (as libzmq), `ZWS2.0/<MECHANISM>` otherwise. `['ZWS2.0']` forces legacy mode.
   * Each name must suit the socket's mechanism.
   */
  subprotocols?: readonly string[]
  /** Extra HTTP headers on outgoing upgrade requests (authentication tokens, for example). */
  headers?: Readonly<Record<string, string>>
  /** Time allowed for the HTTP upgrade of an outgoing connection, in ms (default 30000). */
  openTimeout?: number
  /**
   * Time a client of a bound socket has to send its whole HTTP upgrade request, in ms (default 30000);
   * a slower one is answered with an error and disconnected. Applies to servers the transport creates,
   * not to an application's `server`; the first bind on a port sets it for that port.
   */
  upgradeTimeout?: number
}
