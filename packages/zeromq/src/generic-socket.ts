import type { SocketType } from '@zmtp/core'
import * as patterns from '@zmtp/patterns'
import { expectArguments, withoutNew } from './arguments.js'
import { ZeromqError } from './errors.js'
import { socketTypeNumbered } from './socket-numbers.js'
import * as sockets from './sockets.js'

/** The named class of each socket type (numbered as libzmq numbers them in socket-numbers.ts). */
const classes: Readonly<Record<SocketType, new (options?: object) => patterns.Socket>> = {
  PAIR: sockets.Pair,
  PUB: sockets.Publisher,
  SUB: sockets.Subscriber,
  REQ: sockets.Request,
  REP: sockets.Reply,
  DEALER: sockets.Dealer,
  ROUTER: sockets.Router,
  PULL: sockets.Pull,
  PUSH: sockets.Push,
  XPUB: sockets.XPublisher,
  XSUB: sockets.XSubscriber,
  STREAM: sockets.Stream,
}

/** zeromq.js's `Socket`: the base of every socket, and a constructor by libzmq socket type number. */
export interface SocketConstructor {
  /**
   * The socket of libzmq type `type` (0 = PAIR ... 11 = STREAM), as an instance of its named class
   * (`new Socket(5)` is a {@link sockets.Dealer}). Types that are not built (the draft ones, unknown
   * numbers) fail with EINVAL "Invalid argument", as in zeromq.js without draft sockets.
   */
  new (type: number, options?: object): patterns.Socket
  readonly prototype: patterns.Socket
}

/** The named class each `Socket` subclass's prototype was given, once its first instance was made. */
const adopted = new WeakMap<object, new (options?: object) => patterns.Socket>()

/**
 * Makes `subclass` (a class extending `Socket`, e.g. `class MySocket extends Socket { constructor() {
 * super(1) } }`) a subclass of the named class of its type, so that its instances have that class's
 * behaviour as well as the subclass's own methods. Its prototype, which extends `Socket`'s, gets the
 * named class's prototype as parent instead, the first time it makes a socket; a subclass is one socket
 * type, so making another type through it afterwards fails.
 */
function adopt(subclass: object, named: new (options?: object) => patterns.Socket): void {
  for (let proto = (subclass as { prototype: object }).prototype; proto !== null; ) {
    const parent = Object.getPrototypeOf(proto) as object | null
    const already = adopted.get(proto)
    if (already === named) return
    if (already !== undefined) {
      throw new TypeError(`this Socket subclass makes ${already.name} sockets, not ${named.name}`)
    }
    if (parent === GenericSocket.prototype) {
      Object.setPrototypeOf(proto, named.prototype)
      adopted.set(proto, named)
      return
    }
    proto = parent as object
  }
}

/**
 * A function rather than a class so that it can hand back an instance of the named class, and be
 * called without `new` with zeromq.js's message. Its prototype is patterns' `Socket.prototype`, so
 * `instanceof Socket` holds for every socket. A class extending it gets the named class's behaviour
 * (see {@link adopt}).
 */
function GenericSocket(this: unknown, ...args: unknown[]): patterns.Socket {
  if (new.target === undefined) throw new TypeError(withoutNew)
  expectArguments(args, 2)
  const [type, options] = args
  if (typeof type !== 'number') throw new TypeError('Socket type must be a number')
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError('Options must be an object')
  }
  const name = socketTypeNumbered(type)
  const named = name === undefined ? undefined : classes[name]
  if (named === undefined) {
    const why = new RangeError(`socket type ${type} is not one of the built types 0 to 11`)
    throw new ZeromqError('Invalid argument', 'EINVAL', 22, undefined, why)
  }
  if (new.target === GenericSocket) return new named(options as object | undefined)
  adopt(new.target, named)
  return Reflect.construct(named, [options], new.target) as patterns.Socket
}
Object.defineProperty(GenericSocket, 'name', { value: 'Socket' })
GenericSocket.prototype = patterns.Socket.prototype

// A value and its instance type share the name, as a class's do.
export const Socket = GenericSocket as unknown as SocketConstructor
export type Socket = patterns.Socket
