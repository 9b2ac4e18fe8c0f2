/**
 * zeromq.js's `Context`: in libzmq it owns I/O threads and the inproc namespace. Here sockets need no
 * threads, so a context only holds its options (kept, validated and readable, as programs set them) and
 * is what a socket's `context` option names. Every socket made without one uses {@link context}, whose
 * options are shared by all threads of the process, as libzmq's default context is.
 */
import { expectArguments } from './arguments.js'
import { defineRawContextOptions, type RawContextOptions } from './raw-options.js'
import { processWideSlots } from './shared-context.js'

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

/**
 * Each option's slot and default. libzmq keeps context options as C ints, so a number reads back as
 * the int it was stored as (as in zeromq.js) and booleans are 0 or 1.
 */
const slots = {
  blocky: [0, 1],
  ioThreads: [1, 1],
  maxMessageSize: [2, 2147483647],
  maxSockets: [3, 1023],
  ipv6: [4, 0],
  threadPriority: [5, -1],
  threadSchedulingPolicy: [6, -1],
} as const satisfies Record<keyof ContextOptions, readonly [number, number]>

const booleanOptions = new Set<string>(['blocky', 'ipv6'])
const defaults = Object.values(slots).map(([, initial]) => initial)

let adopt: (context: Context, values: Int32Array) => void

/** A group of sockets sharing options; see the module comment. */
export interface Context extends Required<ContextOptions>, RawContextOptions {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: accessors are defined once for all names below
export class Context {
  #values: Int32Array<ArrayBufferLike> = new Int32Array(defaults)

  constructor(...args: [options?: ContextOptions]) {
    expectArguments(args, 1)
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
    adopt = (context, values) => {
      context.#values = values
    }
    for (const [name, [slot]] of Object.entries(slots)) {
      const isBoolean = booleanOptions.has(name)
      Object.defineProperty(Context.prototype, name, {
        get(this: Context) {
          const value = Atomics.load(this.#values, slot)
          return isBoolean ? value !== 0 : value
        },
        set(this: Context, value: unknown) {
          if (isBoolean && typeof value !== 'boolean') throw new TypeError('Option value must be a boolean')
          if (!isBoolean && typeof value !== 'number') throw new TypeError('Option value must be a number')
          Atomics.store(this.#values, slot, Number(value))
        },
        enumerable: true,
        configurable: true,
      })
    }
    defineRawContextOptions(Context.prototype)
  }
}

/** The process-wide context every socket uses unless given another; its options are seen by every thread. */
export const context: Context = new Context()
adopt(context, processWideSlots(defaults))
