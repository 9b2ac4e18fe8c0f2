import { Emitter } from '@zmtp/core'
import type { SocketEvent, SocketEventListener, SocketEvents, SocketEventType } from './events.js'
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

  on<K extends SocketEventType>(type: K, listener: SocketEventListener<K>): this {
    this.#emitter.on(type, listener as Listeners[K])
    return this
  }

  off<K extends SocketEventType>(type: K, listener: SocketEventListener<K>): this {
    this.#emitter.off(type, listener as Listeners[K])
    return this
  }

  once<K extends SocketEventType>(type: K, listener: SocketEventListener<K>): this {
    this.#emitter.once(type, listener as Listeners[K])
    return this
  }

  listenerCount(type: SocketEventType): number {
    return this.#emitter.listenerCount(type)
  }

  removeAllListeners(type?: SocketEventType): this {
    this.#emitter.removeAllListeners(type)
    return this
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
  }

  [Symbol.asyncIterator](): AsyncIterator<SocketEvent> {
    const buffer = new Deque<SocketEvent | null>()
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
        while (buffer.length === 0) await new Promise<void>((resolve) => (wake = resolve))
        wake = null
        const event = buffer.shift()!
        if (event === null) return { done: true, value: undefined }
        return { done: false, value: event }
      },
      return: async (): Promise<IteratorResult<SocketEvent>> => {
        this.#iterators.delete(push)
        return { done: true, value: undefined }
      },
    }
  }
}
