/**
 * A parsed endpoint URL. Core knows no scheme: each transport defines the shape of its own endpoints by
 * extending this (`TcpEndpoint` in `@zmtp/transport-tcp`, `WsEndpoint` in `@zmtp/transport-ws`, ...), parses
 * them with its `parse` and prints them with its `format`, so a new transport needs no release of core.
 */
export interface Endpoint {
  /** The URL scheme, without `://`, such as `"tcp"`. */
  protocol: string
}

/**
 * What an endpoint is parsed for. A transport refuses at once what can never work for that use, such as a
 * wildcard host or port to connect to (libzmq's `zmq_connect` returns EINVAL for it).
 */
export type EndpointUse = 'bind' | 'connect'

/** An endpoint URL cut at its `://`. */
export interface EndpointUrl {
  /** The scheme, matched exactly (lower case) as libzmq does. */
  scheme: string
  /** Everything after `://`. */
  rest: string
}
