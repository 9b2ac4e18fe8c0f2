/**
 * @zmtp/zeromq: the module surface of zeromq.js 6 (the `zeromq` npm package) over zmtp's sockets, with
 * `tcp://`, `ipc://` and `ws://` registered on import. Install it in place of zeromq.js with
 * `npm i zeromq@npm:@zmtp/zeromq`, or change the import. Behaviour lives in `@zmtp/patterns`; this
 * package assembles it under zeromq.js's names. See the README for the deliberate differences.
 *
 * @packageDocumentation
 */

import { registerTransport } from '@zmtp/core'
import { tcp } from '@zmtp/transport-tcp'
import { ws } from '@zmtp/transport-ws'

registerTransport(tcp())
registerTransport(ws())

export type { Message, MessageLike, Readable, Writable } from '@zmtp/patterns'
// Only zeromq.js's names are exported as values (programs and its tests enumerate them); the rest of
// zmtp is in @zmtp/patterns.
export { curveKeyPair, Socket } from '@zmtp/patterns'
export { capability, version } from './about.js'
export { Context, type ContextOptions, context } from './context.js'
export type { ZeromqError } from './errors.js'
export { Observer } from './observer.js'
export { Proxy } from './proxy.js'
export {
  type ContextOption,
  Dealer,
  type Options,
  Pair,
  Publisher,
  Pull,
  Push,
  Reply,
  Request,
  Router,
  Subscriber,
  XPublisher,
  XSubscriber,
} from './sockets.js'
