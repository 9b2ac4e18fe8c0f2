import { ErrorCode, SocketError } from '@zmtp/core'
import { readable, writable } from '../capabilities.js'
import type { Message } from '../message.js'
import type { SocketOptions } from '../options.js'
import type { Pipe } from '../pipe.js'
import { FairQueue } from '../routing/fair-queue.js'
import { Socket } from '../socket.js'

/**
 * REP: receives requests fairly from its peers and sends each reply back to the peer that asked, with
 * the request's envelope (every frame up to the empty delimiter) restored. Strict alternation: receive,
 * then send (EFSM otherwise). Requests without a delimiter, or with nothing after it, are dropped, as in
 * libzmq. Pairs with Request and Dealer.
 */
export class Reply extends /* @__PURE__ */ readable(/* @__PURE__ */ writable(Socket)) {
  readonly #fq = new FairQueue()
  #envelope: Message | null = null
  #replyPipe: Pipe | null = null

  constructor(options: SocketOptions = {}) {
    super('REP', options)
  }

  protected trySend(message: Message): boolean {
    const envelope = this.#envelope
    if (!envelope)
      throw new SocketError(ErrorCode.WrongState, 'a Reply must receive a request before sending')
    const pipe = this.#replyPipe
    this.#envelope = null
    this.#replyPipe = null
    // A reply to a peer that is gone or full is dropped, as libzmq does.
    if (pipe && !pipe.terminated) pipe.write(envelope.concat(message))
    return true
  }

  protected tryReceive(): Message | undefined {
    if (this.#envelope)
      throw new SocketError(ErrorCode.WrongState, 'a Reply must send the reply before receiving')
    for (;;) {
      const message = this.#fq.read()
      if (message === undefined) return undefined
      const pipe = this.#fq.lastPipe!
      const delimiter = delimiterOf(message)
      if (delimiter < 0) continue
      this.#replyPipe = pipe
      return this.#takeEnvelope(message, delimiter)
    }
  }

  protected override receiveDirect(pipe: Pipe, message: Message): Message | undefined {
    if (this.#envelope || !this.#fq.empty) return undefined
    const delimiter = delimiterOf(message)
    // Without a delimiter it queues, and tryReceive drops it as it drops every such request.
    if (delimiter < 0) return undefined
    this.#replyPipe = pipe
    return this.#takeEnvelope(message, delimiter)
  }

  /**
   * Keeps the envelope (every frame up to and with the delimiter at `delimiter`) for the reply and returns
   * the body. The received array is ours (each message arrives in an array of its own), so the body is
   * what is left of it. A Request's envelope is the delimiter alone: one shared array stands for it, as
   * an empty frame is an empty frame.
   */
  #takeEnvelope(message: Message, delimiter: number): Message {
    if (delimiter === 0) {
      this.#envelope = DELIMITER_ONLY
      message.shift()
    } else this.#envelope = message.splice(0, delimiter + 1)
    return message
  }

  protected attached(): void {}

  protected terminated(pipe: Pipe): void {
    this.#fq.remove(pipe)
  }

  protected override readActivated(pipe: Pipe): void {
    this.#fq.readable(pipe)
    this.serveReceivers()
  }
}

/** The envelope of a request that has no routing frames (from a Request); never modified. */
const DELIMITER_ONLY: Message = [new Uint8Array(0)]

/**
 * Where the envelope ends: the index of the first empty frame, or -1 when there is none or nothing follows
 * it (libzmq's REP drops a request whose delimiter is its last frame: it has no body to hand out). A loop:
 * it runs per request.
 */
function delimiterOf(message: Message): number {
  const last = message.length - 1
  for (let i = 0; i < last; i++) if (message[i]!.length === 0) return i
  return -1
}
