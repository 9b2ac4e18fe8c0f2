/**
 * @zmtp/patterns: ZeroMQ's socket types with libzmq's semantics, in TypeScript, for Node and browsers.
 * The API follows zeromq.js 6, so programs move over by changing imports. Transports come from their
 * own packages (`@zmtp/transport-tcp`, `@zmtp/transport-ws`); `inproc://` is built in.
 *
 * @example
 * ```ts
 * import { Pull, Push } from '@zmtp/patterns'
 * import { tcp } from '@zmtp/transport-tcp'
 *
 * const pull = new Pull({ transports: [tcp()] })
 * await pull.bind('tcp://127.0.0.1:*')
 * const push = new Push({ transports: [tcp()] })
 * push.connect(pull.lastEndpoint!)
 * await push.send(['job', new Uint8Array([1, 2])])
 * const [job, data] = await pull.receive()
 * ```
 *
 * This Node entry also has the `Stream` socket (raw TCP peers) and makes `inproc://` names process-wide
 * across worker threads; the browser entry has neither.
 *
 * PLAIN and CURVE (the `plain*` and `curve*` options) work as they are in Node, Bun and Deno. A browser
 * bundle gets this package's `browser` entry, which leaves them and CURVE's cryptography out; an
 * application that needs them adds `import '@zmtp/patterns/security'`.
 *
 * @packageDocumentation
 */

import './inproc-threads/enable.js'
import './lifetime-exit.js'
import './security/enable.js'

export * from './api.js'
export { onLingerAtExit } from './lifetime-exit.js'
export { Stream, type StreamConnectOptions, type StreamOptions } from './sockets/stream.js'
