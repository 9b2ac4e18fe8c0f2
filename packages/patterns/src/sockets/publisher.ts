import type { MessageLike } from '../message.js'
import type { SocketOptions } from '../options.js'
import { PublisherBase } from './publisher-base.js'

/**
 * PUB: sends each message to every subscriber whose subscription prefixes its first frame. Never
 * waits: a subscriber whose queue is full misses the message. Receives nothing. Pairs with Subscriber
 * and XSubscriber.
 */
export class Publisher extends PublisherBase {
  constructor(options: SocketOptions = {}) {
    super('PUB', options)
  }

  /** Publishes a message; resolves at once. */
  send(message: MessageLike): Promise<void> {
    return this.sendMessage(message)
  }

  protected tryReceive(): undefined {
    return undefined
  }
}
