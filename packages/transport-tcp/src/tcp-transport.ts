import {
  type Connection,
  type DialOptions,
  type Endpoint,
  ErrorCode,
  type Listener,
  type ListenOptions,
  type Transport,
  TransportError,
} from '@zmtp/core'
import { dial } from './dial.js'
import { formatTcpEndpoint, parseTcpEndpoint, TCP_PROTOCOLS, type TcpTransportEndpoint } from './endpoint.js'
import { listenIpc } from './listen-ipc.js'
import { listenTcp } from './listen-tcp.js'
import { resolveOptions, type TcpTransportOptions } from './options.js'

/** Narrows an endpoint to the ones this transport serves; `listen` and `dial` may be called directly. */
function served(endpoint: Endpoint): TcpTransportEndpoint {
  if (endpoint.protocol === 'tcp' || endpoint.protocol === 'ipc') return endpoint as TcpTransportEndpoint
  throw new TransportError(
    ErrorCode.NoTransport,
    `the tcp transport does not serve "${endpoint.protocol}://"`,
  )
}

/**
 * The `tcp://` and `ipc://` transport for Node. Pass it to a socket's `transports` option, or register it
 * for every socket with `registerTransport(tcp())`.
 *
 * @param options - settings applied to every connection and listener it makes; see {@link TcpTransportOptions}.
 * @throws {@link TransportError} `EINVAL` when an option is out of range.
 */
export function tcp(options?: TcpTransportOptions): Transport<TcpTransportEndpoint> {
  const config = resolveOptions(options)
  return {
    name: 'tcp',
    protocols: TCP_PROTOCOLS,
    parse: parseTcpEndpoint,
    format: formatTcpEndpoint,
    async listen(endpoint: Endpoint, listenOptions: ListenOptions): Promise<Listener> {
      const target = served(endpoint)
      return target.protocol === 'tcp'
        ? listenTcp(target, listenOptions, config)
        : listenIpc(target, listenOptions, config)
    },
    async dial(endpoint: Endpoint, dialOptions: DialOptions): Promise<Connection> {
      return dial(served(endpoint), dialOptions, config)
    },
  }
}
