/**
 * @zmtp/transport-tcp: `tcp://` and `ipc://` for zmtp sockets in Node, over Node's `net` module.
 *
 * @example
 * ```ts
 * import { Pull, Push } from '@zmtp/patterns'
 * import { tcp } from '@zmtp/transport-tcp'
 *
 * const pull = new Pull({ transports: [tcp()] })
 * await pull.bind('tcp://127.0.0.1:5555')
 *
 * const push = new Push({ transports: [tcp({ keepAlive: 30_000 })] })
 * push.connect('tcp://127.0.0.1:5555')
 * await push.send('hello')
 * ```
 *
 * @packageDocumentation
 */

export {
  formatTcpEndpoint,
  type IpcEndpoint,
  parseTcpEndpoint,
  TCP_PROTOCOLS,
  type TcpEndpoint,
  type TcpTransportEndpoint,
} from './endpoint.js'
export type { TcpTransportOptions } from './options.js'
export { tcp } from './tcp-transport.js'
