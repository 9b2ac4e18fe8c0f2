import type { Message } from '../message.js'
import type { Pipe } from '../pipe.js'

/**
 * Round-robin over pipes per whole message, skipping full ones (libzmq's `lb`: Push, Dealer, Request).
 * When every pipe is full, or there is none, the message waits.
 */
export class LoadBalancer {
  readonly #pipes: Pipe[] = []
  #next = 0

  get size(): number {
    return this.#pipes.length
  }

  add(pipe: Pipe): void {
    this.#pipes.push(pipe)
  }

  remove(pipe: Pipe): void {
    const index = this.#pipes.indexOf(pipe)
    if (index < 0) return
    this.#pipes.splice(index, 1)
    if (this.#next > index) this.#next--
    if (this.#next >= this.#pipes.length) this.#next = 0
  }

  /** Writes `message` to the next pipe that takes it; returns that pipe, or null when all are full. */
  send(message: Message): Pipe | null {
    const pipes = this.#pipes
    const count = pipes.length
    for (let tried = 0; tried < count; tried++) {
      const index = (this.#next + tried) % count
      const pipe = pipes[index]!
      if (pipe.write(message)) {
        this.#next = (index + 1) % count
        return pipe
      }
    }
    return null
  }
}
