import { readable } from '../capabilities.js'
import type { Message } from '../message.js'
import type { SocketOptions } from '../options.js'
import type { Pipe } from '../pipe.js'
import { FairQueue } from '../routing/fair-queue.js'
import { Socket } from '../socket.js'

/** PULL: receives from all its peers, fairly, one message from each in turn. Pairs with {@link Push}. */
export class Pull extends /* @__PURE__ */ readable(Socket) {
  readonly #fq = new FairQueue()

  constructor(options: SocketOptions = {}) {
    super('PULL', options)
  }

  /** Cannot send. */
  protected override canSend(): boolean {
    return false
  }

  protected trySend(): boolean {
    return false
  }

  protected tryReceive(): Message | undefined {
    return this.#fq.read()
  }

  protected attached(): void {}

  protected terminated(pipe: Pipe): void {
    this.#fq.remove(pipe)
  }

  protected override receiveDirect(_pipe: Pipe, message: Message): Message | undefined {
    return this.#fq.empty ? message : undefined
  }

  protected override readActivated(pipe: Pipe): void {
    this.#fq.readable(pipe)
    this.serveReceivers()
  }
}
