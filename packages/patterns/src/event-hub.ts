import { Emitter, ErrorCode, SocketError } from '@zmtp/core'
import type { SocketEvent, SocketEventListener, SocketEvents, SocketEventType } from './events.js'
import { ProcessHold } from './lifetime.js'
import { Deque } from './util/deque.js'

type Listeners = { [K in SocketEventType]: SocketEventListener<K> }

/** Events buffered for an async iterator that is not keeping up, at most; older ones are dropped. */
const MAX_BUFFERED = 1000

/**
 * Where a socket's monitor events go out: the application sees it through {@link SocketEvents}, which
 * has no way to emit; only the socket (and what it lends its host to) holds `dispatch`.
 */
export class EventHub implements SocketEvents {
  readonly #emitter = new Emitter<Listeners>()
  #ended = false
  readonly #iterators = new Set<(event: SocketEvent | null) => void>()

  /** Set by `on()`/`once()`: events then go to listeners, and `receive()` refuses (as zeromq.js). */
  #emitterMode = false
  /** The queue `receive()` reads, made at its first call. */
  #reader: AsyncIterator<SocketEvent> | undefined = undefined
  /** Event types listeners were added for, to tell whether any listener is left. */
  readonly #listenedTypes = new Set<SocketEventType>()
  /**
   * Listeners keep the process alive until the socket closes, as zeromq.js's event emitter (a loop
   * reading events) does; so does an iterator waiting for the next event (lifetime.ts).
   */
  readonly #listening = new ProcessHold()

  /** True once the socket's events ended (`end` was dispatched). */
  get closed(): boolean {
    return this.#ended
  }

  /**
   * The next event, for a loop of `await events.receive()` (zeromq.js's Observer). Events are queued
   * from the first call; once `end` has been read, rejects with ETERM. Cannot be mixed with `on()`.
   */
  receive(): Promise<SocketEvent> {
    if (this.#emitterMode) {
      throw new Error(
        'Observer is in event emitter mode. After a call to events.on() it is not possible to read events with events.receive().',
      )
    }
    if (this.#reader === undefined && this.#ended) {
      // Read after the socket closed: the `end` event is still due once, as zeromq.js delivers it.
      this.#reader = this[Symbol.asyncIterator]()
      return Promise.resolve({ type: 'end' })
    }
    this.#reader ??= this[Symbol.asyncIterator]()
    return this.#reader.next().then((next) => {
      if (next.done) throw new SocketError(ErrorCode.Closed, 'socket closed: no more events')
      return next.value
    })
  }

  on<K extends SocketEventType>(type: K, listener: SocketEventListener<K>): this {
    this.#emitterMode = true
    this.#emitter.on(type, listener as Listeners[K])
    this.#listenedTypes.add(type)
    this.#updateListening()
    return this
  }

  off<K extends SocketEventType>(type: K, listener: SocketEventListener<K>): this {
    this.#emitter.off(type, listener as Listeners[K])
    this.#updateListening()
    return this
  }

  once<K extends SocketEventType>(type: K, listener: SocketEventListener<K>): this {
    this.#emitterMode = true
    this.#emitter.once(type, listener as Listeners[K])
    this.#listenedTypes.add(type)
    this.#updateListening()
    return this
  }

  listenerCount(type: SocketEventType): number {
    return this.#emitter.listenerCount(type)
  }

  removeAllListeners(type?: SocketEventType): this {
    this.#emitter.removeAllListeners(type)
    this.#updateListening()
    return this
  }

  #updateListening(): void {
    let listening = false
    if (!this.#ended) {
      for (const type of this.#listenedTypes) if (this.#emitter.listenerCount(type) > 0) listening = true
    }
    this.#listening.set(listening)
  }

  /** Emits an event to listeners and iterators; after `end`, nothing more. */
  dispatch(event: SocketEvent): void {
    if (this.#ended) return
    this.#emitter.emit(event.type, event as never)
    for (const push of this.#iterators) push(event)
    if (event.type === 'end') {
      this.#ended = true
      for (const push of this.#iterators) push(null)
      this.#iterators.clear()
    }
    // A `once` listener may have gone, or the events ended.
    if (this.#listening.held) this.#updateListening()
  }

  [Symbol.asyncIterator](): AsyncIterator<SocketEvent> {
    const buffer = new Deque<SocketEvent | null>()
    const waiting = new ProcessHold()
    let wake: (() => void) | null = null
    const push = (event: SocketEvent | null) => {
      buffer.push(event)
      if (buffer.length > MAX_BUFFERED) buffer.shift()
      wake?.()
    }
    if (this.#ended) buffer.push(null)
    else this.#iterators.add(push)
    return {
      next: async (): Promise<IteratorResult<SocketEvent>> => {
        if (buffer.length === 0) waiting.set(true)
        while (buffer.length === 0) await new Promise<void>((resolve) => (wake = resolve))
        waiting.set(false)
        wake = null
        const event = buffer.shift()!
        if (event === null) return { done: true, value: undefined }
        return { done: false, value: event }
      },
      return: async (): Promise<IteratorResult<SocketEvent>> => {
        this.#iterators.delete(push)
        waiting.set(false)
        return { done: true, value: undefined }
      },
    }
  }
}
