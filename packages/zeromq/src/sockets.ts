import * as patterns from '@zmtp/patterns'
import { type ContextOption, finishConstruction, forPatterns, presentAsZeromq } from './compat.js'
import type { InertOptions } from './inert-options.js'

export type { ContextOption }

/**
 * A socket's options as zeromq.js takes them: the patterns options of that socket type, `context`,
 * and the zeromq.js options kept for compatibility (see the README).
 */
export type Options<T> = T & ContextOption & InertOptions

/** PAIR, as zeromq.js's `Pair`; see `@zmtp/patterns`'s `Pair` for its behaviour. */
export class Pair extends patterns.Pair {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Pair)

/** PUB, as zeromq.js's `Publisher`; see `@zmtp/patterns`'s `Publisher` for its behaviour. */
export class Publisher extends patterns.Publisher {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Publisher)

/** SUB, as zeromq.js's `Subscriber`; see `@zmtp/patterns`'s `Subscriber` for its behaviour. */
export class Subscriber extends patterns.Subscriber {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Subscriber)

/** REQ, as zeromq.js's `Request`; see `@zmtp/patterns`'s `Request` for its behaviour. */
export class Request extends patterns.Request {
  constructor(options?: Options<patterns.RequestOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Request)

/** REP, as zeromq.js's `Reply`; see `@zmtp/patterns`'s `Reply` for its behaviour. */
export class Reply extends patterns.Reply {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Reply)

/** DEALER, as zeromq.js's `Dealer`; see `@zmtp/patterns`'s `Dealer` for its behaviour. */
export class Dealer extends patterns.Dealer {
  constructor(options?: Options<patterns.DealerOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Dealer)

/** ROUTER, as zeromq.js's `Router`; see `@zmtp/patterns`'s `Router` for its behaviour. */
export class Router extends patterns.Router {
  constructor(options?: Options<patterns.RouterOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Router)

/** PULL, as zeromq.js's `Pull`; see `@zmtp/patterns`'s `Pull` for its behaviour. */
export class Pull extends patterns.Pull {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Pull)

/** PUSH, as zeromq.js's `Push`; see `@zmtp/patterns`'s `Push` for its behaviour. */
export class Push extends patterns.Push {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Push)

/** XPUB, as zeromq.js's `XPublisher`; see `@zmtp/patterns`'s `XPublisher` for its behaviour. */
export class XPublisher extends patterns.XPublisher {
  constructor(options?: Options<patterns.XPublisherOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(XPublisher)

/** XSUB, as zeromq.js's `XSubscriber`; see `@zmtp/patterns`'s `XSubscriber` for its behaviour. */
export class XSubscriber extends patterns.XSubscriber {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(XSubscriber)
