import { type BytesLike, ErrorCode, SocketError, utf8Decode } from '@zmtp/core'
import type { Socket } from '@zmtp/patterns'
import { type Context, context as defaultContext } from './context.js'
import { presenting, presentingAsync, toZeromqError, ZeromqError } from './errors.js'
import { checkInert, inertOptions } from './inert-options.js'
import { Observer } from './observer.js'
import { defineRawSocketOptions } from './raw-options.js'
import { contextOf, holdContext, releaseContext } from './socket-context.js'

/** What every zeromq.js socket constructor takes besides its own options: the context it belongs to. */
export interface ContextOption {
  /** The context the socket belongs to; {@link defaultContext} when left out. */
  context?: Context
}

const inertValues = new WeakMap<object, Map<string, unknown>>()

/**
 * The options a patterns constructor gets from zeromq.js options: all but `context` and the inert
 * ones (those are assigned after construction, see {@link finishConstruction}); a context that is not
 * blocky gives sockets a 30 s linger, as zeromq.js does.
 */
export function forPatterns<T>(options: unknown): T {
  if (options === undefined) return {} as T
  if (options === null || typeof options !== 'object') throw new TypeError('Options must be an object')
  const owner = (options as ContextOption).context ?? defaultContext
  const passed: Record<string, unknown> = owner.blocky ? {} : { linger: 30_000 }
  for (const [name, value] of Object.entries(options)) {
    if (name !== 'context' && !(name in inertOptions)) passed[name] = value
  }
  return passed as T
}

/**
 * Ends a zeromq.js socket's construction: records its context, gives it the zeromq.js `events`, seals
 * it, then assigns every option again through its property (as zeromq.js assigns options), so an
 * unknown name fails with the TypeError of a sealed object and a read-only one with that of a getter.
 */
export function finishConstruction(socket: Socket, options: unknown): void {
  const given = (options ?? {}) as ContextOption & Record<string, unknown>
  const owner = given.context ?? defaultContext
  if (!(owner instanceof Object) || !('blocky' in owner)) {
    // zeromq.js (libzmq) refuses it as an invalid argument.
    throw new ZeromqError('Invalid argument', 'EINVAL', 22, undefined, new TypeError('Invalid context'))
  }
  holdContext(socket, owner)
  inertValues.set(socket, new Map())
  Object.defineProperty(socket, 'events', { value: new Observer(socket), enumerable: true })
  Object.seal(socket)
  const target = socket as unknown as Record<string, unknown>
  for (const [name, value] of Object.entries(given)) {
    if (name !== 'context' && value !== undefined) target[name] = value
  }
}

/**
 * Parts of at most this many bytes are copied at `send()`, as zeromq.js copies them into libzmq: the
 * caller may reuse such a buffer as soon as `send()` returns (a program filling one small buffer per
 * message keeps working), and the queue does not hold on to it. Larger parts are sent without a copy,
 * as in zeromq.js, so they must not change until sent.
 */
const copiedPartSize = 128

/** zeromq.js coerces anything sent to bytes: null and undefined to empty, other values by String(). */
function coercePart(part: unknown): BytesLike {
  if (typeof part === 'string') return part
  if (part instanceof ArrayBuffer) return part.byteLength <= copiedPartSize ? part.slice(0) : part
  if (ArrayBuffer.isView(part)) {
    if (part.byteLength > copiedPartSize) return part
    return new Uint8Array(new Uint8Array(part.buffer, part.byteOffset, part.byteLength))
  }
  if (part === null || part === undefined) return ''
  return String(part)
}

function coerce(message: unknown): BytesLike | BytesLike[] {
  return Array.isArray(message) ? message.map(coercePart) : coercePart(message)
}

type Method = (this: unknown, ...args: unknown[]) => unknown

/**
 * Gives a zeromq.js socket class what zeromq.js programs use beyond the patterns API: errors in
 * zeromq.js's form from every operation, send() coercion, `context`, and the
 * inert options. Done on the prototype, once per class.
 */
export function presentAsZeromq(cls: abstract new (...args: never[]) => Socket): void {
  const proto = cls.prototype as unknown as Record<string | symbol, unknown>
  const base = Object.getPrototypeOf(proto) as Record<string | symbol, Method | undefined>
  const define = (name: string | symbol, value: unknown) =>
    Object.defineProperty(proto, name, { value, writable: true, configurable: true })

  for (const name of ['bind', 'unbind'] as const) {
    const original = base[name]!
    define(name, function (this: unknown, endpoint: string) {
      return presentingAsync(
        presenting(() => original.call(this, endpoint) as Promise<void>, { address: endpoint }),
        { address: endpoint },
      )
    })
  }
  for (const name of ['connect', 'disconnect'] as const) {
    const original = base[name]!
    define(name, function (this: unknown, endpoint: string, ...rest: unknown[]) {
      return presenting(() => original.call(this, endpoint, ...rest), { address: endpoint })
    })
  }
  const send = base.send
  if (send) {
    define('send', function (this: Socket, ...args: unknown[]) {
      if (args.length === 0) throw new TypeError('Message must be present')
      return presentingAsync(send.call(this, coerce(args[0])) as Promise<void>, {
        cancelled: !this.closed,
      })
    })
  }
  if (!send) {
    // zeromq.js's receive-only sockets still check send()'s argument before failing with ENOTSUP.
    define('send', (...args: unknown[]) => {
      if (args.length === 0) throw new TypeError('Message must be present')
      return Promise.reject(
        toZeromqError(new SocketError(ErrorCode.NotSupported, 'this socket type cannot send')),
      )
    })
  }
  const receive = base.receive
  if (receive) {
    define('receive', function (this: Socket) {
      return presentingAsync(receive.call(this) as Promise<unknown>, { cancelled: !this.closed })
    })
    const iterate = base[Symbol.asyncIterator]!
    define(Symbol.asyncIterator, async function* (this: unknown) {
      const inner = iterate.call(this) as AsyncGenerator<unknown>
      try {
        for (;;) {
          const next = await presentingAsync(inner.next())
          if (next.done) return
          yield next.value
        }
      } finally {
        await inner.return?.(undefined)
      }
    })
  }
  Object.defineProperty(proto, 'context', {
    get(this: object) {
      return contextOf(this)
    },
    configurable: true,
  })
  const close = base.close!
  define('close', function (this: Socket) {
    close.call(this)
    // Also when a pending bind delays the close: the context has no part in finishing it.
    releaseContext(this)
  })
  presentRoutingId(proto, base)
  defineRawSocketOptions(proto)
  for (const name of Object.keys(inertOptions)) {
    Object.defineProperty(proto, name, {
      get(this: object) {
        const values = inertValues.get(this)
        return values?.has(name) ? values.get(name) : (inertOptions as Record<string, unknown>)[name]
      },
      set(this: object, value: unknown) {
        checkInert(name, value)
        const kept = value instanceof Uint8Array ? utf8Decode(value) : (value ?? null)
        inertValues.get(this)?.set(name, kept)
      },
      configurable: true,
    })
  }
}

/**
 * `routingId` reads back as a Node `Buffer`, as received parts do: binary ids stay intact, and a
 * program written for zeromq.js's string still gets its text from `==`, `String()` or a template.
 */
function presentRoutingId(proto: object, base: object): void {
  let owner: object | null = base
  let inherited: PropertyDescriptor | undefined
  while (owner !== null && inherited === undefined) {
    inherited = Object.getOwnPropertyDescriptor(owner, 'routingId')
    owner = Object.getPrototypeOf(owner)
  }
  const { get, set } = inherited ?? {}
  if (get === undefined || set === undefined) return
  Object.defineProperty(proto, 'routingId', {
    get(this: object) {
      const id = get.call(this) as Uint8Array | undefined
      if (id === undefined || Buffer.isBuffer(id)) return id
      return Buffer.from(id.buffer, id.byteOffset, id.byteLength)
    },
    set(this: object, value: unknown) {
      set.call(this, value)
    },
    configurable: true,
  })
}
