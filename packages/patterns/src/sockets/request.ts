import { ErrorCode, SocketError } from '@zmtp/core'
import { readable, writable } from '../capabilities.js'
import type { Message } from '../message.js'
import type { SocketOptions } from '../options.js'
import type { Pipe } from '../pipe.js'
import { LoadBalancer } from '../routing/load-balancer.js'
import { Socket } from '../socket.js'

export interface RequestOptions extends SocketOptions {
  /** Allow a new request before the reply to the last one; that reply is then discarded (ZMQ_REQ_RELAXED). */
  relaxed?: boolean
  /** Tag each request with an id and accept only the reply carrying it (ZMQ_REQ_CORRELATE). */
  correlate?: boolean
}

const EMPTY = new Uint8Array(0)

/**
 * REQ: strict request/reply. Each `send()` goes to one peer (round-robin) with an empty delimiter frame
 * in front; `receive()` then accepts only that peer's reply. Sending twice without receiving, or receiving
 * before sending, rejects with EFSM unless `relaxed` is set. Pairs with Reply and Router.
 */
export class Request extends /* @__PURE__ */ readable(/* @__PURE__ */ writable(Socket)) {
  /** {@inheritDoc RequestOptions.relaxed} */
  relaxed: boolean
  /** {@inheritDoc RequestOptions.correlate} */
  correlate: boolean
  readonly #lb = new LoadBalancer()
  /** The peer the outstanding request went to; null when none is outstanding. */
  #replyPipe: Pipe | null = null
  #awaitingReply = false
  #requestId = (Math.random() * 0x1_0000_0000) >>> 0

  constructor(options: RequestOptions = {}) {
    super('REQ', options)
    this.relaxed = options.relaxed ?? false
    this.correlate = options.correlate ?? false
  }

  protected trySend(message: Message): boolean {
    if (this.#awaitingReply && !this.relaxed) {
      throw new SocketError(ErrorCode.WrongState, 'a Request must receive the reply before sending again')
    }
    // Sized up front and filled by a loop, not a spread or pushes (a push would make room for 16 parts):
    // this runs once per request.
    const head = this.correlate ? 2 : 1
    const frames: Message = new Array(head + message.length)
    if (this.correlate) {
      this.#requestId = (this.#requestId + 1) >>> 0
      frames[0] = idBytes(this.#requestId)
    }
    frames[head - 1] = EMPTY
    for (let i = 0; i < message.length; i++) frames[head + i] = message[i]!
    const pipe = this.#lb.send(frames)
    if (!pipe) return false
    // Replies to an earlier request (relaxed mode) are no longer wanted.
    if (this.#replyPipe) while (this.#replyPipe.read() !== undefined) {}
    this.#replyPipe = pipe
    this.#awaitingReply = true
    return true
  }

  /** Not while a reply is awaited (unless relaxed), as libzmq's ZMQ_POLLOUT. */
  protected override canSend(): boolean {
    return (!this.#awaitingReply || this.relaxed) && super.canSend()
  }

  protected tryReceive(): Message | undefined {
    if (!this.#awaitingReply) {
      throw new SocketError(ErrorCode.WrongState, 'a Request must send before receiving')
    }
    const pipe = this.#replyPipe
    // Nothing queued (every receive() that then waits for the reply): no read to find that out.
    if (!pipe || pipe.inbound.length === 0) return undefined
    for (;;) {
      const message = pipe.read()
      if (message === undefined) return undefined
      const body = this.#unwrap(message)
      if (body) {
        this.#awaitingReply = false
        this.#replyPipe = null
        return body
      }
    }
  }

  protected override receiveDirect(pipe: Pipe, message: Message): Message | undefined {
    if (!this.#awaitingReply || pipe !== this.#replyPipe) return undefined
    // A reply that does not match queues, and tryReceive drops it as before.
    const body = this.#unwrap(message)
    if (!body) return undefined
    this.#awaitingReply = false
    this.#replyPipe = null
    return body
  }

  protected attached(pipe: Pipe): void {
    this.#lb.add(pipe)
  }

  protected terminated(pipe: Pipe): void {
    this.#lb.remove(pipe)
  }

  protected override readActivated(pipe: Pipe): void {
    if (pipe !== this.#replyPipe) {
      // Only the peer we asked may answer; anything else is stale.
      while (pipe.read() !== undefined) {}
      return
    }
    this.serveReceivers()
  }

  /** The reply's body when the envelope matches the outstanding request, else undefined (dropped). */
  #unwrap(message: Message): Message | undefined {
    let index = 0
    if (this.correlate) {
      const id = message[0]
      if (id?.length !== 4 || readId(id) !== this.#requestId) return undefined
      index = 1
    }
    if (message.length <= index || message[index]!.length !== 0) return undefined
    // The received array is ours (each message arrives in an array of its own): dropping the delimiter
    // from it in place spares a copy per reply.
    if (index === 0) {
      message.shift()
      return message
    }
    return message.slice(index + 1)
  }
}

/** libzmq copies the uint32 in host order; on the little-endian machines it runs on, that is LE. */
function idBytes(id: number): Uint8Array {
  const bytes = new Uint8Array(4)
  new DataView(bytes.buffer).setUint32(0, id, true)
  return bytes
}

function readId(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true)
}
