import { readable, writable } from '../capabilities.js'
import type { Message } from '../message.js'
import type { SocketOptions } from '../options.js'
import type { Pipe } from '../pipe.js'
import { FairQueue } from '../routing/fair-queue.js'
import { SubscriptionTrie } from '../routing/subscription-trie.js'
import { Socket } from '../socket.js'

/**
 * XSUB: a Subscriber without local filtering, whose application subscribes by sending messages
 * `0x01`+topic (and `0x00`+topic to unsubscribe). They go upstream as data, unchanged, as libzmq sends
 * them; other messages go upstream too. Live subscriptions are replayed to publishers after reconnects.
 * Use it to build proxies.
 */
export class XSubscriber extends /* @__PURE__ */ readable(/* @__PURE__ */ writable(Socket)) {
  readonly #fq = new FairQueue()
  readonly #topics = new SubscriptionTrie()

  constructor(options: SocketOptions = {}) {
    super('XSUB', options, { linger: 0 })
  }

  protected trySend(message: Message): boolean {
    const first = message[0]
    if (first && first.length > 0 && first[0] === 1) {
      this.#topics.add(first.slice(1))
    } else if (first && first.length > 0 && first[0] === 0) {
      // Forwarded only when the last reference goes, as libzmq does.
      if (!this.#topics.remove(first.subarray(1))) return true
    }
    // Each publisher its own array, as Publisher does for its subscribers: over inproc the array
    // reaches the receiving socket as it is, and one receiver's shift() must not change another's.
    let copy = false
    for (const pipe of this.pipes) {
      pipe.write(copy ? message.slice() : message)
      copy = true
    }
    return true
  }

  protected tryReceive(): Message | undefined {
    return this.#fq.read()
  }

  protected attached(): void {}

  protected terminated(pipe: Pipe): void {
    this.#fq.remove(pipe)
  }

  protected override connected(pipe: Pipe): void {
    for (const topic of this.#topics.prefixes()) pipe.sendSubscription(true, topic)
  }

  protected override receiveDirect(_pipe: Pipe, message: Message): Message | undefined {
    return this.#fq.empty ? message : undefined
  }

  protected override readActivated(pipe: Pipe): void {
    this.#fq.readable(pipe)
    this.serveReceivers()
  }
}
