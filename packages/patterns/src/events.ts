import { Emitter } from '@zmtp/core'
import { Deque } from './util/deque.js'

/** Monitor event names, as zeromq.js names them (libzmq's ZMQ_EVENT_* in brackets). */
export type SocketEventType =
  /** An incoming connection was accepted [ACCEPTED]. */
  | 'accept'
  /** Accepting a connection failed [ACCEPT_FAILED]. */
  | 'accept:error'
  /** The socket is listening on `address` [LISTENING]. */
  | 'bind'
  /** Binding failed [BIND_FAILED]. */
  | 'bind:error'
  /** A listener was closed [CLOSED]. */
  | 'close'
  /** A connection was established to `address` [CONNECTED]. */
  | 'connect'
  /** A connection attempt failed; another follows after `interval` ms [CONNECT_DELAYED]. */
  | 'connect:delay'
  /** A connection attempt is being retried [CONNECT_RETRIED]. */
  | 'connect:retry'
  /** An established connection closed [DISCONNECTED]. */
  | 'disconnect'
  /** The ZMTP handshake succeeded [HANDSHAKE_SUCCEEDED]. */
  | 'handshake'
  /** The handshake failed on a protocol violation [HANDSHAKE_FAILED_PROTOCOL]. */
  | 'handshake:error:protocol'
  /** The handshake failed authentication [HANDSHAKE_FAILED_AUTH]. */
  | 'handshake:error:auth'
  /** The handshake failed for another reason, such as a timeout [HANDSHAKE_FAILED_NO_DETAIL]. */
  | 'handshake:error:other'
  /** The socket closed; no more events follow [MONITOR_STOPPED]. */
  | 'end'

/** One monitor event. */
export interface SocketEvent {
  type: SocketEventType
  /** The endpoint concerned: the bound or connected endpoint (for accepted connections, the bound one, as libzmq reports). */
  address?: string
  /** For `connect:delay` and `connect:retry`: the wait before the next attempt, in ms. */
  interval?: number
  /** For error events and disconnects that had a cause. */
  error?: Error
}

type Listeners = { [K in SocketEventType]: (event: SocketEvent) => void }

/** Events buffered for an async iterator that is not keeping up, at most; older ones are dropped. */
const MAX_BUFFERED = 1000

/**
 * A socket's monitor events: listen with `on(type, listener)`, or iterate with
 * `for await (const event of socket.events)`, which ends when the socket closes.
 * Browser-safe (no Node `EventEmitter`).
 */
export class SocketEvents extends Emitter<Listeners> {
  #ended = false
  #iterators = new Set<(event: SocketEvent | null) => void>()

  /** Emits an event to listeners and iterators. */
  dispatch(event: SocketEvent): void {
    if (this.#ended) return
    this.emit(event.type, event)
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
