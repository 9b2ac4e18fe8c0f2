import { writable } from '../capabilities.js'
import type { Message } from '../message.js'
import type { SocketOptions } from '../options.js'
import type { Pipe } from '../pipe.js'
import { LoadBalancer } from '../routing/load-balancer.js'
import { Socket } from '../socket.js'

/**
 * PUSH: sends each message to one of its peers, round-robin, skipping those whose queue is full. Waits
 * (or rejects with EAGAIN after `sendTimeout`) when every peer is full or there is none. Never drops.
 * Pairs with {@link Pull}.
 */
export class Push extends /* @__PURE__ */ writable(Socket) {
  readonly #lb = new LoadBalancer()

  constructor(options: SocketOptions = {}) {
    super('PUSH', options)
  }

  protected trySend(message: Message): boolean {
    return this.#lb.send(message) !== null
  }

  protected tryReceive(): Message | undefined {
    return undefined
  }

  protected attached(pipe: Pipe): void {
    this.#lb.add(pipe)
  }

  protected terminated(pipe: Pipe): void {
    this.#lb.remove(pipe)
  }
}
