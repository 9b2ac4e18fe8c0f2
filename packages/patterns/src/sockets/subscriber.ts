import { type BytesLike, toBytes } from '@zmtp/core'
import { readable } from '../capabilities.js'
import type { Message } from '../message.js'
import type { SocketOptions } from '../options.js'
import type { Pipe } from '../pipe.js'
import { FairQueue } from '../routing/fair-queue.js'
import { SubscriptionTrie } from '../routing/subscription-trie.js'
import { Socket } from '../socket.js'

const EMPTY = new Uint8Array(0)

/**
 * SUB: receives what its publishers send on the topics it subscribed to (prefixes of the first frame).
 * Subscriptions are counted (subscribe twice, unsubscribe twice), sent to every publisher, and sent
 * again after every reconnect. Messages are also filtered locally. Pairs with Publisher and XPublisher.
 */
export class Subscriber extends /* @__PURE__ */ readable(Socket) {
  readonly #fq = new FairQueue()
  readonly #topics = new SubscriptionTrie()

  constructor(options: SocketOptions = {}) {
    super('SUB', options, { linger: 0 })
  }

  /** Subscribes to each topic prefix given, or to everything when none is given (ZMQ_SUBSCRIBE). */
  subscribe(...topics: BytesLike[]): void {
    for (const topic of topics.length === 0 ? [''] : topics) {
      const bytes = toBytes(topic).slice()
      this.#topics.add(bytes)
      // Every subscribe goes upstream, repeats included, as from libzmq's SUB: an XPUB_VERBOSE
      // publisher counts them. Only the last unsubscribe goes (below).
      for (const pipe of this.pipes) pipe.sendSubscription(true, bytes)
    }
  }

  /** Drops one reference to each topic; everything's (`''`) when none is given (ZMQ_UNSUBSCRIBE). */
  unsubscribe(...topics: BytesLike[]): void {
    for (const topic of topics.length === 0 ? [''] : topics) {
      const bytes = toBytes(topic)
      if (this.#topics.remove(bytes)) for (const pipe of this.pipes) pipe.sendSubscription(false, bytes)
    }
  }

  /** Cannot send. */
  protected override canSend(): boolean {
    return false
  }

  protected trySend(): boolean {
    return false
  }

  protected tryReceive(): Message | undefined {
    for (;;) {
      const message = this.#fq.read()
      if (message === undefined) return undefined
      if (this.#matches(message)) return message
    }
  }

  protected override receiveDirect(_pipe: Pipe, message: Message): Message | undefined {
    // One that does not match queues, and tryReceive drops it as it drops every such message.
    return this.#fq.empty && this.#matches(message) ? message : undefined
  }

  protected attached(): void {}

  protected terminated(pipe: Pipe): void {
    this.#fq.remove(pipe)
  }

  protected override connected(pipe: Pipe): void {
    for (const topic of this.#topics.prefixes()) pipe.sendSubscription(true, topic)
  }

  protected override readActivated(pipe: Pipe): void {
    this.#fq.readable(pipe)
    this.serveReceivers()
  }

  /** Whether the message's first frame starts with a subscribed topic. */
  #matches(message: Message): boolean {
    return this.#topics.matches(message[0] ?? EMPTY)
  }
}
