import type { PeerInfo } from '@zmtp/core'
import { readable, writable } from '../capabilities.js'
import type { Message } from '../message.js'
import type { SocketOptions } from '../options.js'
import type { Pipe } from '../pipe.js'
import { Socket } from '../socket.js'

/**
 * PAIR: exactly one peer, both directions. A second peer is refused while the first is attached, as in
 * libzmq. Sending waits while there is no peer or its queue is full.
 */
export class Pair extends /* @__PURE__ */ readable(/* @__PURE__ */ writable(Socket)) {
  #pipe: Pipe | null = null

  constructor(options: SocketOptions = {}) {
    super('PAIR', options)
  }

  protected trySend(message: Message): boolean {
    return this.#pipe?.write(message) ?? false
  }

  protected tryReceive(): Message | undefined {
    return this.#pipe?.read()
  }

  protected override receiveDirect(pipe: Pipe, message: Message): Message | undefined {
    // The pipe's queue is empty (else the message would queue behind it): it is the next one read.
    return pipe === this.#pipe ? message : undefined
  }

  protected override accepts(_peer: PeerInfo, pipe: Pipe | null): boolean {
    return this.#pipe === null || this.#pipe === pipe || this.#pipe.terminated
  }

  protected attached(pipe: Pipe): void {
    if (this.#pipe && !this.#pipe.terminated) {
      pipe.terminate()
      return
    }
    this.#pipe = pipe
  }

  protected terminated(pipe: Pipe): void {
    if (this.#pipe === pipe) this.#pipe = null
  }
}
