import type { Message } from '../message.js'
import type { SocketOptions } from '../options.js'
import type { Pipe } from '../pipe.js'
import { FairQueue } from '../routing/fair-queue.js'
import { Socket } from '../socket.js'

/** PULL: receives from all its peers, fairly, one message from each in turn. Pairs with {@link Push}. */
export class Pull extends Socket {
  readonly #fq = new FairQueue()

  constructor(options: SocketOptions = {}) {
    super('PULL', options)
  }

  /** Resolves with the next message (its frames). */
  receive(): Promise<Message> {
    return this.receiveMessage()
  }

  /** Iterates over received messages until the socket closes. */
  [Symbol.asyncIterator](): AsyncGenerator<Message, undefined, undefined> {
    return this.iterateMessages()
  }

  protected trySend(): boolean {
    return false
  }

  protected tryReceive(): Message | undefined {
    return this.#fq.read()?.message
  }

  protected attach(): void {}

  protected detach(pipe: Pipe): void {
    this.#fq.remove(pipe)
  }

  protected override readable(pipe: Pipe): void {
    this.#fq.readable(pipe)
    this.serveReceivers()
  }
}
