import * as patterns from '@zmtp/patterns'
import { ZeromqError } from './errors.js'
import * as sockets from './sockets.js'

/** The named class of each libzmq socket type number (zmq.h's ZMQ_PAIR = 0 ... ZMQ_STREAM = 11). */
const byNumber: readonly (new (options?: object) => patterns.Socket)[] = [
  sockets.Pair,
  sockets.Publisher,
  sockets.Subscriber,
  sockets.Request,
  sockets.Reply,
  sockets.Dealer,
  sockets.Router,
  sockets.Pull,
  sockets.Push,
  sockets.XPublisher,
  sockets.XSubscriber,
  sockets.Stream,
]

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

/**
 * A function rather than a class so that it can hand back an instance of the named class, and be
 * called without `new` with zeromq.js's message. Its prototype is patterns' `Socket.prototype`, so
 * `instanceof Socket` holds for every socket. Extending it is refused: the instance would be of the
 * named class, without the subclass's methods (extend the named class, e.g. `Dealer`, instead).
 */
function GenericSocket(this: unknown, ...args: unknown[]): patterns.Socket {
  if (new.target === undefined) throw new TypeError("Class constructors cannot be invoked without 'new'")
  if (args.length > 2) throw new TypeError('Expected 2 arguments')
  const [type, options] = args
  if (typeof type !== 'number') throw new TypeError('Socket type must be a number')
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new TypeError('Options must be an object')
  }
  const named = Number.isInteger(type) ? byNumber[type] : undefined
  if (named === undefined) {
    const why = new RangeError(`socket type ${type} is not one of the built types 0 to 11`)
    throw new ZeromqError('Invalid argument', 'EINVAL', 22, undefined, why)
  }
  if (new.target !== GenericSocket) {
    throw new TypeError(`extend the socket's named class (${named.name}) instead of Socket`)
  }
  return new named(options as object | undefined)
}
Object.defineProperty(GenericSocket, 'name', { value: 'Socket' })
GenericSocket.prototype = patterns.Socket.prototype

// A value and its instance type share the name, as a class's do.
export const Socket = GenericSocket as unknown as SocketConstructor
export type Socket = patterns.Socket
