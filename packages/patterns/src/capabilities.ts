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
    send(message: MessageLike): Promise<void> {
      return this.sendMessage(message)
    }
  }
  return WritableSocket
}

/** Adds {@link Readable}'s `receive` and async iteration to a socket class, as {@link writable} does `send`. */
export function readable<Base extends SocketClass>(base: Base): Base & With<Readable> {
  abstract class ReadableSocket extends base implements Readable {
    receive(): Promise<Message> {
      return this.receiveMessage()
    }

    [Symbol.asyncIterator](): AsyncGenerator<Message, undefined, undefined> {
      return this.iterateMessages()
    }
  }
  return ReadableSocket
}
