import { readable, writable } from '../capabilities.js'
import type { Message } from '../message.js'
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
export class Dealer extends /* @__PURE__ */ readable(/* @__PURE__ */ writable(Socket)) {
  /** {@inheritDoc DealerOptions.probeRouter} */
  probeRouter: boolean
  readonly #lb = new LoadBalancer()
  readonly #fq = new FairQueue()

  constructor(options: DealerOptions = {}) {
    super('DEALER', options)
    this.probeRouter = options.probeRouter ?? false
  }

  protected trySend(message: Message): boolean {
    return this.#lb.send(message) !== null
  }

  protected tryReceive(): Message | undefined {
    return this.#fq.read()
  }

  protected attached(pipe: Pipe): void {
    this.#lb.add(pipe)
  }

  protected terminated(pipe: Pipe): void {
    this.#lb.remove(pipe)
    this.#fq.remove(pipe)
  }

  protected override connected(pipe: Pipe): void {
    if (this.probeRouter) pipe.write([new Uint8Array(0)])
  }

  protected override receiveDirect(_pipe: Pipe, message: Message): Message | undefined {
    return this.#fq.empty ? message : undefined
  }

  protected override readActivated(pipe: Pipe): void {
    this.#fq.readable(pipe)
    this.serveReceivers()
  }
}
