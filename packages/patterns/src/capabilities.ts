import { ErrorCode, SocketError } from '@zmtp/core'
import type { Message, MessageLike } from './message.js'
import type { Socket } from './socket.js'

/** A socket that can send: every type but Pull and Subscriber. */
export interface Writable {
  /**
   * Sends a message (one part, or an array of parts). Resolves once queued for the peer the socket type
   * routes it to; waits while it cannot be queued, up to `sendTimeout` (then EAGAIN).
   */
  send(message: MessageLike): Promise<void>
}

/** A socket that can receive: every type but Push and Publisher. */
export interface Readable extends AsyncIterable<Message, undefined, undefined> {
  /** Resolves with the next message (its frames); waits up to `receiveTimeout` (then EAGAIN). */
  receive(): Promise<Message>
  /** Iterates over received messages until the socket closes. */
  [Symbol.asyncIterator](): AsyncGenerator<Message, undefined, undefined>
}

// biome-ignore lint/suspicious/noExplicitAny: a mixin's base constructor must take any arguments
type SocketClass = abstract new (...args: any[]) => Socket
// biome-ignore lint/suspicious/noExplicitAny: as above
type With<T> = abstract new (...args: any[]) => T

/**
 * Adds {@link Writable}'s `send` to a socket class. Written once here; a socket type that can send
 * extends `writable(Socket)` (or of its own base). The return type is spelled out so that declaration
 * files name the capability instead of repeating the class. Call sites mark the call `@__PURE__`: it only
 * makes a class, so a bundler may drop the socket types an application never uses.
 */
export function writable<Base extends SocketClass>(base: Base): Base & With<Writable> {
  abstract class WritableSocket extends base implements Writable {
    declare send: (message: MessageLike) => Promise<void>
  }
  alias(WritableSocket, 'send', (base.prototype as unknown as SharedPaths).sendMessage)
  return WritableSocket
}

/** Adds {@link Readable}'s `receive` and async iteration to a socket class, as {@link writable} does `send`. */
export function readable<Base extends SocketClass>(base: Base): Base & With<Readable> {
  const receiveMessage = (base.prototype as unknown as SharedPaths).receiveMessage
  abstract class ReadableSocket extends base implements Readable {
    declare receive: () => Promise<Message>

    async *[Symbol.asyncIterator](): AsyncGenerator<Message, undefined, undefined> {
      // The shared path `receive` was made from, not `receive` itself: a subclass may override `receive`
      // (the zeromq drop-in wraps its errors), and the iteration must still recognise the socket closing.
      while (!this.closed) {
        try {
          yield await receiveMessage.call(this)
        } catch (error) {
          if (error instanceof SocketError && error.code === ErrorCode.Closed) return undefined
          throw error
        }
      }
      return undefined
    }
  }
  alias(ReadableSocket, 'receive', receiveMessage)
  return ReadableSocket
}

/** The socket's shared paths, protected on the class; the capabilities publish them under their own names. */
interface SharedPaths {
  sendMessage(message: MessageLike): Promise<void>
  receiveMessage(): Promise<Message>
}

/**
 * Makes `method` a method of `target` named `name`, as a class body would (not enumerable). The public
 * method is the shared path itself rather than a method that calls it: a call less per `send()` and per
 * `receive()`, which counts while the code still runs in the interpreter (the first thousands of
 * messages of a process).
 */
function alias(target: abstract new (...args: never[]) => unknown, name: string, method: unknown): void {
  Object.defineProperty(target.prototype, name, { value: method, writable: true, configurable: true })
}
