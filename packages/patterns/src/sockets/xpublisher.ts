import { ErrorCode, encodeSubscriptionMessage, SocketError, toBytes, utf8Decode } from '@zmtp/core'
import { readable, writable } from '../capabilities.js'
import type { Message } from '../message.js'
import type { SocketOptions } from '../options.js'
import type { Pipe } from '../pipe.js'
import { Deque } from '../util/deque.js'
import { PublisherBase } from './publisher-base.js'

export interface XPublisherOptions extends SocketOptions {
  /** Pass every subscription to the application, not only the first for a topic (ZMQ_XPUB_VERBOSE). */
  verbose?: boolean
  /** Also pass every unsubscription, not only the last (ZMQ_XPUB_VERBOSER). */
  verboser?: boolean
  /** The application decides the subscriptions with `subscribe`/`unsubscribe` (ZMQ_XPUB_MANUAL). */
  manual?: boolean
  /** Wait (or EAGAIN after `sendTimeout`) at a full subscriber instead of dropping (ZMQ_XPUB_NODROP). */
  noDrop?: boolean
  /** Sent to every subscriber when it connects or reconnects (ZMQ_XPUB_WELCOME_MSG). */
  welcomeMessage?: string | Uint8Array
}

/**
 * XPUB: a Publisher whose application also receives the subscriptions, as messages `0x01`+topic and
 * `0x00`+topic: by default the first subscription to a topic and the last unsubscription (also when a
 * subscriber leaves). Data that XSubscriber peers send upstream is received too. Use it to build proxies.
 */
export class XPublisher extends /* @__PURE__ */ readable(/* @__PURE__ */ writable(PublisherBase)) {
  /** {@inheritDoc XPublisherOptions.verbose} */
  verbose: boolean
  /** {@inheritDoc XPublisherOptions.verboser} */
  verboser: boolean
  /** {@inheritDoc XPublisherOptions.manual} */
  manual: boolean
  /** {@inheritDoc XPublisherOptions.noDrop} */
  noDrop: boolean
  #welcome: Uint8Array | undefined = undefined
  readonly #received = new Deque<Message>()
  #lastPipe: Pipe | null = null

  constructor(options: XPublisherOptions = {}) {
    super('XPUB', options)
    this.verbose = options.verbose ?? false
    this.verboser = options.verboser ?? false
    this.manual = options.manual ?? false
    this.noDrop = options.noDrop ?? false
    this.welcomeMessage = options.welcomeMessage ?? null
  }

  /**
   * {@inheritDoc XPublisherOptions.welcomeMessage} Reads back as a string (as zeromq.js's), or null
   * when there is none; setting null removes it.
   */
  get welcomeMessage(): string | null {
    return this.#welcome === undefined ? null : utf8Decode(this.#welcome)
  }

  set welcomeMessage(value: string | Uint8Array | null) {
    this.#welcome = value === null || value === undefined ? undefined : toBytes(value).slice()
  }

  /**
   * `verbose` and `verboser` as one setting, as zeromq.js names it: `null` (first subscription, last
   * unsubscription), `'allSubs'` (every subscription) or `'allSubsUnsubs'` (every one of both).
   */
  get verbosity(): null | 'allSubs' | 'allSubsUnsubs' {
    if (this.verboser) return 'allSubsUnsubs'
    return this.verbose ? 'allSubs' : null
  }

  set verbosity(value: null | 'allSubs' | 'allSubsUnsubs') {
    if (value !== null && value !== 'allSubs' && value !== 'allSubsUnsubs') {
      throw new TypeError(`verbosity must be null, 'allSubs' or 'allSubsUnsubs', not ${String(value)}`)
    }
    this.verbose = value !== null
    this.verboser = value === 'allSubsUnsubs'
  }

  /** In manual mode: subscribes the peer whose subscription was received last to `topic`. */
  subscribe(topic: string | Uint8Array): void {
    this.#manualApply(true, topic)
  }

  /** In manual mode: unsubscribes the peer whose subscription was received last from `topic`. */
  unsubscribe(topic: string | Uint8Array): void {
    this.#manualApply(false, topic)
  }

  protected override get waitWhenFull(): boolean {
    return this.noDrop
  }

  protected tryReceive(): Message | undefined {
    return this.#received.shift()
  }

  protected override connected(pipe: Pipe): void {
    if (this.#welcome) pipe.write([this.#welcome])
  }

  protected override applySubscription(pipe: Pipe, subscribe: boolean, topic: Uint8Array): void {
    this.#lastPipe = pipe
    if (this.manual) {
      this.#notify(subscribe, topic)
      return
    }
    if (subscribe) {
      const first = this.trie.add(topic, pipe)
      if (first || this.verbose || this.verboser) this.#notify(true, topic)
    } else {
      const last = this.trie.remove(topic, pipe)
      if (last || this.verboser) this.#notify(false, topic)
    }
  }

  protected override otherData(_pipe: Pipe, message: Message): void {
    this.#queue(message)
  }

  protected override lastUnsubscribed(_pipe: Pipe, topic: Uint8Array): void {
    if (!this.manual) this.#notify(false, topic)
  }

  protected override terminated(pipe: Pipe): void {
    if (this.#lastPipe === pipe) this.#lastPipe = null
    super.terminated(pipe)
  }

  #notify(subscribe: boolean, topic: Uint8Array): void {
    this.#queue([encodeSubscriptionMessage(subscribe, topic)])
  }

  #queue(message: Message): void {
    // Bounded like any receive queue: past the high-water mark, notifications are dropped.
    const hwm = this.receiveHighWaterMark
    if (hwm > 0 && this.#received.length >= hwm) return
    this.#received.push(message)
    this.serveReceivers()
  }

  #manualApply(subscribe: boolean, topic: string | Uint8Array): void {
    if (!this.manual)
      throw new SocketError(ErrorCode.InvalidArgument, 'subscribe/unsubscribe need manual mode')
    const pipe = this.#lastPipe
    if (!pipe) return
    const bytes = toBytes(topic).slice()
    if (subscribe) this.trie.add(bytes, pipe)
    else this.trie.remove(bytes, pipe)
  }
}
