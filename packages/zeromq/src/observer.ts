import type { Socket, SocketEvent, SocketEvents, SocketEventType } from '@zmtp/patterns'
import { presenting, presentingAsync } from './errors.js'

/**
 * zeromq.js's `Observer`: the monitor events of one socket, as `socket.events` gives them. Listen with
 * `on()`, or read one at a time with `receive()` (not both, as in zeromq.js), or iterate with
 * `for await`. Errors come in zeromq.js's form.
 */
export class Observer {
  readonly #events: SocketEvents

  constructor(socket: Socket | { readonly events: SocketEvents }) {
    this.#events = socket.events
  }

  /** True once the socket closed and its `end` event was dispatched. */
  get closed(): boolean {
    return this.#events.closed
  }

  /** Calls `listener` for each event of `type`. */
  on<K extends SocketEventType>(type: K, listener: (event: SocketEvent<K>) => void): this {
    this.#events.on(type, listener)
    return this
  }

  /** Calls `listener` for the next event of `type` only. */
  once<K extends SocketEventType>(type: K, listener: (event: SocketEvent<K>) => void): this {
    this.#events.once(type, listener)
    return this
  }

  /** Stops calling `listener`. */
  off<K extends SocketEventType>(type: K, listener: (event: SocketEvent<K>) => void): this {
    this.#events.off(type, listener)
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
    return presentingAsync(presenting(() => this.#events.receive()))
  }

  /** Closes this observer: zeromq.js's method; here events end with the socket, so it does nothing. */
  close(): void {}

  [Symbol.asyncIterator](): AsyncIterator<SocketEvent> {
    return this.#events[Symbol.asyncIterator]()
  }
}
