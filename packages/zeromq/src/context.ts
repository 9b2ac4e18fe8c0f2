/**
 * zeromq.js's `Context`: in libzmq it owns I/O threads and the inproc namespace. Here sockets need no
 * threads, so a context only holds its options (kept, validated and readable, as programs set them) and
 * is what a socket's `context` option names. Every socket made without one uses {@link context}.
 */

/** The options of a {@link Context}, as zeromq.js names them. */
export interface ContextOptions {
  /** Whether closing waits for queued messages by default (zeromq.js's `blocky`: new sockets get linger -1 when true, 30000 ms when false). */
  blocky?: boolean
  /** Kept for compatibility: there are no I/O threads. */
  ioThreads?: number
  /** Kept for compatibility (ZMQ_MAX_MSGSZ). */
  maxMessageSize?: number
  /** Kept for compatibility (ZMQ_MAX_SOCKETS). */
  maxSockets?: number
  /** Kept for compatibility (ZMQ_IPV6): IPv6 endpoints always work. */
  ipv6?: boolean
  /** Kept for compatibility (ZMQ_THREAD_PRIORITY). */
  threadPriority?: number
  /** Kept for compatibility (ZMQ_THREAD_SCHED_POLICY). */
  threadSchedulingPolicy?: number
}

const numberOptions = [
  'ioThreads',
  'maxMessageSize',
  'maxSockets',
  'threadPriority',
  'threadSchedulingPolicy',
] as const
const booleanOptions = ['blocky', 'ipv6'] as const

/** A group of sockets sharing options; see the module comment. */
export interface Context extends Required<ContextOptions> {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: accessors are defined once for all names below
export class Context {
  readonly #values: Required<ContextOptions> = {
    blocky: true,
    ioThreads: 1,
    maxMessageSize: 2147483647,
    maxSockets: 1023,
    ipv6: false,
    threadPriority: -1,
    threadSchedulingPolicy: -1,
  }

  constructor(...args: [options?: ContextOptions]) {
    if (args.length > 1) throw new TypeError('Expected 1 argument')
    const options = args[0]
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new TypeError('Options must be an object')
    }
    // Sealed first, so unknown names fail on assignment as they do in zeromq.js.
    Object.seal(this)
    Object.assign(this, options)
  }

  /** The most sockets libzmq would allow (ZMQ_SOCKET_LIMIT); read-only. */
  get maxSocketsLimit(): number {
    return 65535
  }

  static {
    for (const name of numberOptions) {
      Object.defineProperty(Context.prototype, name, {
        get(this: Context) {
          return this.#values[name]
        },
        set(this: Context, value: unknown) {
          if (typeof value !== 'number') throw new TypeError('Option value must be a number')
          this.#values[name] = value
        },
        enumerable: true,
        configurable: true,
      })
    }
    for (const name of booleanOptions) {
      Object.defineProperty(Context.prototype, name, {
        get(this: Context) {
          return this.#values[name]
        },
        set(this: Context, value: unknown) {
          if (typeof value !== 'boolean') throw new TypeError('Option value must be a boolean')
          this.#values[name] = value
        },
        enumerable: true,
        configurable: true,
      })
    }
  }
}

/** The process-wide context every socket uses unless given another. */
export const context: Context = new Context()
