/**
 * The build bundlers pick for browsers (the `browser` export condition). TCP and Unix sockets do not
 * exist there, so `tcp()` fails loudly at the call instead of the bundle failing on `node:net`.
 * Imports nothing from Node.
 *
 * @packageDocumentation
 */

import { ErrorCode, type Transport, TransportError } from '@zmtp/core'
import type { TcpTransportEndpoint } from './endpoint.js'
import type { TcpTransportOptions } from './options.js'

// Parsing and printing endpoints needs nothing from Node, so tools in a page can still do it.
export {
  formatTcpEndpoint,
  type IpcEndpoint,
  parseTcpEndpoint,
  TCP_PROTOCOLS,
  type TcpEndpoint,
  type TcpTransportEndpoint,
} from './endpoint.js'
export type { TcpTransportOptions } from './options.js'

/**
 * In a browser: always throws, since `tcp://` and `ipc://` need Node.
 *
 * @throws {@link TransportError} `ERR_TRANSPORT_UNSUPPORTED`.
 */
export function tcp(_options?: TcpTransportOptions): Transport<TcpTransportEndpoint> {
  throw new TransportError(
    ErrorCode.TransportUnsupported,
    'tcp:// and ipc:// need Node; in a browser use @zmtp/transport-ws',
  )
}
