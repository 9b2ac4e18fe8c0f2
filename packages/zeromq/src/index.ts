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

import './exit-warning.js'

export type { Message, MessageLike, Readable, Writable } from '@zmtp/patterns'
// Only zeromq.js's names are exported as values (programs and its tests enumerate them); the rest of
// zmtp is in @zmtp/patterns.
export { curveKeyPair } from '@zmtp/patterns'

import { curveKeyPair } from '@zmtp/patterns'
import { capability, version } from './about.js'
// biome-ignore lint/suspicious/noShadowRestrictedNames: zeromq.js's name, re-exported as such
import { Context, Proxy } from './constructors.js'
import { context } from './context.js'
import { Socket } from './generic-socket.js'
import { Observer } from './observer.js'
import * as sockets from './sockets.js'

/**
 * The module as one object, for `import zmq from 'zeromq'` (zeromq.js is CommonJS, so ES modules get
 * its exports as the default import) and, through the `module.exports` name, for `require('zeromq')`
 * in Node 20.19+, which then returns exactly zeromq.js's names.
 */
const zeromq = {
  version,
  capability,
  curveKeyPair,
  context,
  Context,
  Socket,
  Observer,
  Proxy,
  ...sockets,
}

export { capability, version } from './about.js'
export { Context, Proxy } from './constructors.js'
export { type ContextOptions, context } from './context.js'
export type { ZeromqError } from './errors.js'
export type { HandshakeEventError } from './event-errors.js'
export { Socket, type SocketConstructor } from './generic-socket.js'
export { Observer } from './observer.js'
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
  Stream,
  Subscriber,
  XPublisher,
  XSubscriber,
} from './sockets.js'
export { zeromq as default, zeromq as 'module.exports' }
