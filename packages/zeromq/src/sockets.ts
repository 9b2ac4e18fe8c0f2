import * as patterns from '@zmtp/patterns'
import { type ContextOption, finishConstruction, forPatterns, presentAsZeromq } from './compat.js'
import type { Context } from './context.js'
import type { InertOptions } from './inert-options.js'
import type { RawSocketOptions } from './raw-options.js'

export type { ContextOption }

/**
 * A socket's options as zeromq.js takes them: the patterns options of that socket type, `context`,
 * and the zeromq.js options kept for compatibility (see the README).
 */
export type Options<T> = T & ContextOption & InertOptions

/** What every socket of this package has beyond its `@zmtp/patterns` class. */
export type ZeromqSocketExtras = Required<InertOptions> &
  RawSocketOptions & {
    /** The context given at construction, or the default {@link context}. */
    readonly context: Context
  }

/** PAIR, as zeromq.js's `Pair`; see `@zmtp/patterns`'s `Pair` for its behaviour. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the extras are defined on the prototype
export class Pair extends patterns.Pair {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Pair)
export interface Pair extends ZeromqSocketExtras {}

/** PUB, as zeromq.js's `Publisher`; see `@zmtp/patterns`'s `Publisher` for its behaviour. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the extras are defined on the prototype
export class Publisher extends patterns.Publisher {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Publisher)
export interface Publisher extends ZeromqSocketExtras {}

/** SUB, as zeromq.js's `Subscriber`; see `@zmtp/patterns`'s `Subscriber` for its behaviour. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the extras are defined on the prototype
export class Subscriber extends patterns.Subscriber {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Subscriber)
export interface Subscriber extends ZeromqSocketExtras {}

/** REQ, as zeromq.js's `Request`; see `@zmtp/patterns`'s `Request` for its behaviour. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the extras are defined on the prototype
export class Request extends patterns.Request {
  constructor(options?: Options<patterns.RequestOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Request)
export interface Request extends ZeromqSocketExtras {}

/** REP, as zeromq.js's `Reply`; see `@zmtp/patterns`'s `Reply` for its behaviour. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the extras are defined on the prototype
export class Reply extends patterns.Reply {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Reply)
export interface Reply extends ZeromqSocketExtras {}

/** DEALER, as zeromq.js's `Dealer`; see `@zmtp/patterns`'s `Dealer` for its behaviour. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the extras are defined on the prototype
export class Dealer extends patterns.Dealer {
  constructor(options?: Options<patterns.DealerOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Dealer)
export interface Dealer extends ZeromqSocketExtras {}

/** ROUTER, as zeromq.js's `Router`; see `@zmtp/patterns`'s `Router` for its behaviour. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the extras are defined on the prototype
export class Router extends patterns.Router {
  constructor(options?: Options<patterns.RouterOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Router)
export interface Router extends ZeromqSocketExtras {}

/** PULL, as zeromq.js's `Pull`; see `@zmtp/patterns`'s `Pull` for its behaviour. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the extras are defined on the prototype
export class Pull extends patterns.Pull {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Pull)
export interface Pull extends ZeromqSocketExtras {}

/** PUSH, as zeromq.js's `Push`; see `@zmtp/patterns`'s `Push` for its behaviour. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the extras are defined on the prototype
export class Push extends patterns.Push {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Push)
export interface Push extends ZeromqSocketExtras {}

/** XPUB, as zeromq.js's `XPublisher`; see `@zmtp/patterns`'s `XPublisher` for its behaviour. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the extras are defined on the prototype
export class XPublisher extends patterns.XPublisher {
  constructor(options?: Options<patterns.XPublisherOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(XPublisher)
export interface XPublisher extends ZeromqSocketExtras {}

/** XSUB, as zeromq.js's `XSubscriber`; see `@zmtp/patterns`'s `XSubscriber` for its behaviour. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the extras are defined on the prototype
export class XSubscriber extends patterns.XSubscriber {
  constructor(options?: Options<patterns.SocketOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(XSubscriber)
export interface XSubscriber extends ZeromqSocketExtras {}

/** STREAM, as zeromq.js's `Stream`; see `@zmtp/patterns`'s `Stream` for its behaviour (tcp and ipc peers). */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the extras are defined on the prototype
export class Stream extends patterns.Stream {
  constructor(options?: Options<patterns.StreamOptions>) {
    super(forPatterns(options))
    finishConstruction(this, options)
  }
}
presentAsZeromq(Stream)
export interface Stream extends ZeromqSocketExtras {}
