import type { Socket, SocketEvent, SocketEvents, SocketEventType } from '@zmtp/patterns'
import { presenting, presentingAsync, toZeromqError } from './errors.js'
import { presentEvent } from './event-errors.js'

/** libzmq reports no monitor events for inproc endpoints; zeromq.js programs see none either. */
function shown(event: SocketEvent): boolean {
  return !event.address?.startsWith('inproc://')
}

/**
 * An event as zeromq.js gives it: handshake errors in its form (see `presentEvent`), the errors of a
 * failed bind or accept as libzmq's errno (`EADDRINUSE` "Address already in use"...), and the address
 * of a failed bind without its transport (`127.0.0.1:5555`), as libzmq reports it and as zeromq.js
 * programs expect it.
 */
function present(event: SocketEvent): SocketEvent {
  const presented = presentEvent(event)
  if (presented.type !== 'bind:error' && presented.type !== 'accept:error') return presented
  const error = toZeromqError(presented.error, { address: presented.address }) as Error
  if (presented.type === 'accept:error') return { ...presented, error }
  const scheme = presented.address.indexOf('://')
  const address = scheme < 0 ? presented.address : presented.address.slice(scheme + 3)
  return { ...presented, address, error }
}

type Listener = (event: never) => void

/**
 * zeromq.js's `Observer`: the monitor events of one socket, as `socket.events` gives them. Listen with
 * `on()`, or read one at a time with `receive()` (not both, as in zeromq.js), or iterate with
 * `for await`. Errors come in zeromq.js's form, those of handshake events included.
 */
export class Observer {
  readonly #events: SocketEvents
  readonly #wrapped = new WeakMap<Listener, (event: SocketEvent) => void>()

  constructor(socket: Socket | { readonly events: SocketEvents }) {
    this.#events = socket.events
  }

  /** True once the socket closed and its `end` event was dispatched. */
  get closed(): boolean {
    return this.#events.closed
  }

  /** Calls `listener` for each event of `type`. */
  on<K extends SocketEventType>(type: K, listener: (event: SocketEvent<K>) => void): this {
    this.#events.on(type, this.#filtered(listener))
    return this
  }

  /** Calls `listener` for the next event of `type` only. */
  once<K extends SocketEventType>(type: K, listener: (event: SocketEvent<K>) => void): this {
    this.#events.once(type, this.#filtered(listener))
    return this
  }

  /** Stops calling `listener`. */
  off<K extends SocketEventType>(type: K, listener: (event: SocketEvent<K>) => void): this {
    const wrapped = this.#wrapped.get(listener as Listener)
    if (wrapped) this.#events.off(type, wrapped)
    return this
  }

  /** How many listeners `type` has. */
  listenerCount(type: SocketEventType): number {
    return this.#events.listenerCount(type)
  }

  /** Removes the listeners of `type`, or of every type. */
  removeAllListeners(type?: SocketEventType): this {
    this.#events.removeAllListeners(type)
    return this
  }

  /** The next event; after `end`, rejects with EBADF "Socket is closed" as zeromq.js does. */
  receive(): Promise<SocketEvent> {
    // Throws at once in emitter mode, as zeromq.js does; inproc events are skipped.
    const next = presenting(() => this.#events.receive())
    return presentingAsync(next).then((event) => (shown(event) ? present(event) : this.receive()))
  }

  /** Closes this observer: zeromq.js's method; here events end with the socket, so it does nothing. */
  close(): void {}

  async *[Symbol.asyncIterator](): AsyncGenerator<SocketEvent, undefined, undefined> {
    for await (const event of this.#events) if (shown(event)) yield present(event)
    return undefined
  }

  #filtered<K extends SocketEventType>(listener: (event: SocketEvent<K>) => void) {
    let wrapped = this.#wrapped.get(listener as Listener)
    if (!wrapped) {
      wrapped = (event: SocketEvent) => {
        if (shown(event)) listener(present(event) as SocketEvent<K>)
      }
      this.#wrapped.set(listener as Listener, wrapped)
    }
    return wrapped
  }
}
