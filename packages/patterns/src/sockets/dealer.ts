import type { Message, MessageLike } from '../message.js'
import type { SocketOptions } from '../options.js'
import type { Pipe } from '../pipe.js'
import { FairQueue } from '../routing/fair-queue.js'
import { LoadBalancer } from '../routing/load-balancer.js'
import { Socket } from '../socket.js'

export interface DealerOptions extends SocketOptions {
  /** Send an empty message to every peer on connecting, so a Router learns us (ZMQ_PROBE_ROUTER). */
  probeRouter?: boolean
}

/**
 * DEALER: an asynchronous Request. Sends round-robin to its peers (waiting when all are full) and
 * receives fairly from all; messages pass unchanged. Talking to a {@link Reply}, add the empty
 * delimiter frame yourself. Pairs with Router, Reply and Dealer.
 */
export class Dealer extends Socket {
  /** {@inheritDoc DealerOptions.probeRouter} */
  probeRouter: boolean
  readonly #lb = new LoadBalancer()
  readonly #fq = new FairQueue()

  constructor(options: DealerOptions = {}) {
    super('DEALER', options)
    this.probeRouter = options.probeRouter ?? false
  }

  /** Queues a message for one peer; resolves once queued. */
  send(message: MessageLike): Promise<void> {
    return this.sendMessage(message)
  }

  /** Resolves with the next message. */
  receive(): Promise<Message> {
    return this.receiveMessage()
  }

  [Symbol.asyncIterator](): AsyncGenerator<Message, undefined, undefined> {
    return this.iterateMessages()
  }

  protected trySend(message: Message): boolean {
    return this.#lb.send(message) !== null
  }

  protected tryReceive(): Message | undefined {
    return this.#fq.read()?.message
  }

  protected attach(pipe: Pipe): void {
    this.#lb.add(pipe)
  }

  protected detach(pipe: Pipe): void {
    this.#lb.remove(pipe)
    this.#fq.remove(pipe)
  }

  protected override connected(pipe: Pipe): void {
    if (this.probeRouter) pipe.write([new Uint8Array(0)])
  }

  protected override readable(pipe: Pipe): void {
    this.#fq.readable(pipe)
    this.serveReceivers()
  }
}
