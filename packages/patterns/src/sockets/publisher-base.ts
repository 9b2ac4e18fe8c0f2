import type { SocketType } from '@zmtp/core'
import type { Message } from '../message.js'
import type { SocketOptions } from '../options.js'
import type { Pipe } from '../pipe.js'
import { MultiTrie } from '../routing/multi-trie.js'
import { Socket } from '../socket.js'

const EMPTY = new Uint8Array(0)

/**
 * What Publisher and XPublisher share: a trie of each peer's subscriptions, and distribution of every
 * sent message to the peers whose subscriptions prefix its first frame. A peer whose queue is full
 * misses the message; the others still get it. Subscriptions arrive as SUBSCRIBE/CANCEL commands or as
 * `0x01`/`0x00` data messages; both are accepted, as libzmq does.
 */
export abstract class PublisherBase extends Socket {
  protected readonly trie = new MultiTrie<Pipe>()
  readonly #matched: Pipe[] = []

  constructor(type: SocketType, options: SocketOptions) {
    super(type, options)
  }

  /** When true, a full peer makes `send()` wait instead of missing the message (XPUB_NODROP). */
  protected get waitWhenFull(): boolean {
    return false
  }

  /** Sending never blocks: a full or absent subscriber drops (unless noDrop). */
  protected override canSend(): boolean {
    return true
  }

  protected trySend(message: Message): boolean {
    const matched = this.#matched
    matched.length = 0
    this.trie.match(message[0] ?? EMPTY, (pipe) => {
      matched.push(pipe)
    })
    if (this.waitWhenFull) {
      for (const pipe of matched) if (!pipe.writable && !pipe.terminated) return false
    }
    // Each subscriber its own array (the frames are shared, as libzmq shares a message's data): over
    // inproc the array reaches the receiving socket as it is, and one receiver's shift() or splice() must
    // not change what another one reads.
    for (let i = 0; i < matched.length; i++) matched[i]!.write(i === 0 ? message : message.slice())
    matched.length = 0
    return true
  }

  protected attached(): void {}

  protected terminated(pipe: Pipe): void {
    this.trie.removeSubscriber(pipe, (topic) => this.lastUnsubscribed(pipe, topic))
  }

  protected override subscription(pipe: Pipe, subscribe: boolean, topic: Uint8Array): void {
    this.applySubscription(pipe, subscribe, topic.slice())
  }

  protected override readActivated(pipe: Pipe): void {
    for (;;) {
      const message = pipe.read()
      if (message === undefined) return
      this.incoming(pipe, message)
    }
  }

  /**
   * A data message from a peer. When its first frame starts with 0x01 or 0x00 it carries subscriptions,
   * and, as in libzmq, every frame of it that starts so is one; anything else is other data.
   */
  protected incoming(pipe: Pipe, message: Message): void {
    if (!isSubscription(message[0])) {
      this.otherData(pipe, message)
      return
    }
    for (const frame of message) {
      if (isSubscription(frame)) this.applySubscription(pipe, frame[0] === 1, frame.slice(1))
    }
  }

  /** Updates the trie for one subscription; XPublisher also tells the application. */
  protected applySubscription(pipe: Pipe, subscribe: boolean, topic: Uint8Array): void {
    if (subscribe) this.trie.add(topic, pipe)
    else this.trie.remove(topic, pipe)
  }

  /** Data from a peer that is not a subscription: Publisher ignores it. */
  protected otherData(_pipe: Pipe, _message: Message): void {}

  /** A departing peer was the last subscriber of `topic`. */
  protected lastUnsubscribed(_pipe: Pipe, _topic: Uint8Array): void {}
}

function isSubscription(frame: Uint8Array | undefined): frame is Uint8Array {
  return frame !== undefined && frame.length > 0 && (frame[0] === 0 || frame[0] === 1)
}
