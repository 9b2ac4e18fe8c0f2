import { writable } from '../capabilities.js'
import type { SocketOptions } from '../options.js'
import { PublisherBase } from './publisher-base.js'

/**
 * PUB: sends each message to every subscriber whose subscription prefixes its first frame. Never
 * waits: a subscriber whose queue is full misses the message. Receives nothing. Pairs with Subscriber
 * and XSubscriber.
 */
export class Publisher extends /* @__PURE__ */ writable(PublisherBase) {
  constructor(options: SocketOptions = {}) {
    super('PUB', options)
  }

  protected tryReceive(): undefined {
    return undefined
  }
}
