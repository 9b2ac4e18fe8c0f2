import type { PeerInfo } from '@zmtp/core'
import type { Message } from './message.js'
import { Deque } from './util/deque.js'

/**
 * What moves a pipe's messages across a connection: a session around a protocol engine, or an inproc
 * link straight into another socket's pipe. It joins the pipe with `attach` once its peer is known;
 * the pipe calls it, it calls the pipe back (`deliver`, `deliverSubscription`, `takeOutbound`).
 */
export interface Carrier {
  /** Messages wait in the pipe's outbound queue: take what the connection can hold now. */
  pull(): void
  /**
   * Optional fast path for a message the pipe has not queued (its outbound queue is empty): true if the
   * carrier took it now, as `pull` would have; false to queue it as usual.
   */
  sendNow?(message: Message): boolean
  /** Sends a subscription (or its cancellation) to the peer, in the form its protocol needs. */
  sendSubscription(subscribe: boolean, topic: Uint8Array): void
  /** The pipe's inbound queue is full (stop reading) or has room again (resume). */
  setReading(reading: boolean): void
  /** The pipe is gone: close the connection (or the inproc peer's pipe). */
  close(): void
}

/**
 * What a pipe tells its socket, named as libzmq's pipe events. The socket types' hooks carry the same
 * names, so an event keeps one name from the pipe to the routing strategy.
 */
export interface PipeEvents {
  /** Received messages wait in the pipe (libzmq's read_activated). */
  readActivated(pipe: Pipe): void
  /**
   * A message arrived while the pipe's inbound queue is empty: true if the socket handed it straight to a
   * waiting `receive()` (it is then not queued). Optional: without it every message queues.
   */
  handOff?(pipe: Pipe, message: Message): boolean
  /** The outbound queue fell to its low-water mark: the socket may write again (write_activated). */
  writeActivated(pipe: Pipe): void
  /** The peer sent a subscription or its cancellation. */
  subscription(pipe: Pipe, subscribe: boolean, topic: Uint8Array): void
  /** A carrier attached after a handshake: the first connection, or a reconnect (libzmq's hiccup). */
  connected(pipe: Pipe): void
  /** The pipe is gone and its inbound queue is read (pipe_terminated). */
  terminated(pipe: Pipe): void
}

let nextPipeId = 1

/**
 * One peer of a socket: two bounded queues, like libzmq's pipe. Outbound holds messages the socket has
 * sent that the carrier has not yet taken (at most the send high-water mark); inbound holds received
 * messages the application has not read (the carrier stops reading at the receive high-water mark).
 * A full queue becomes usable again at the low-water mark, (HWM + 1) / 2, as in libzmq. A high-water
 * mark of 0 means no limit.
 */
export class Pipe {
  readonly id = nextPipeId++
  readonly outbound = new Deque<Message>()
  readonly inbound = new Deque<Message>()
  /** The peer as the last handshake described it. */
  peer: PeerInfo | null = null
  /** The routing id a Router knows this peer by. */
  routingId: Uint8Array | null = null
  /** Where the peer is, for events. */
  address: string
  /** No more messages will arrive; the socket drops the pipe once its inbound queue is read. */
  terminated = false
  /** Keep only the newest message in each queue (ZMQ_CONFLATE). */
  conflate = false
  readonly #events: PipeEvents
  #carrier: Carrier | null = null
  #sendFull = false
  #receiveFull = false

  constructor(
    events: PipeEvents,
    public sendHighWaterMark: number,
    public receiveHighWaterMark: number,
    address: string,
  ) {
    this.#events = events
    this.address = address
  }

  /** What carries the pipe's messages now; null while disconnected. */
  get carrier(): Carrier | null {
    return this.#carrier
  }

  /** Whether the socket may write another message now. */
  get writable(): boolean {
    if (this.terminated) return false
    if (this.#sendFull) return false
    const hwm = this.sendHighWaterMark
    if (hwm > 0 && this.outbound.length >= hwm) {
      this.#sendFull = true
      return false
    }
    return true
  }

  /** Queues a message for the peer; false (and nothing queued) when the pipe is full or gone. */
  write(message: Message): boolean {
    if (this.conflate) this.outbound.clear()
    // With nothing queued, not full and not terminated, `writable` is true: the usual case skips the call.
    else if ((this.outbound.length !== 0 || this.#sendFull || this.terminated) && !this.writable) return false
    if (this.terminated) return false
    // Nothing queued ahead of it: a connection that can take it now gets it without the queue.
    if (this.outbound.length === 0 && this.#carrier?.sendNow?.(message)) return true
    this.outbound.push(message)
    this.#carrier?.pull()
    return true
  }

  /**
   * Applies new high-water marks to a live pipe, as libzmq 4.2+ does when ZMQ_SNDHWM/ZMQ_RCVHWM are set
   * after connect: a queue that was full and now has room resumes (the socket's senders, the carrier's
   * reading).
   */
  setHighWaterMarks(send: number, receive: number): void {
    this.sendHighWaterMark = send
    this.receiveHighWaterMark = receive
    if (this.#sendFull && (send === 0 || this.outbound.length < send)) {
      this.#sendFull = false
      this.#events.writeActivated(this)
    }
    if (this.#receiveFull && (receive === 0 || this.inbound.length < receive)) {
      this.#receiveFull = false
      this.#carrier?.setReading(true)
    }
  }

  /** The carrier takes the next outbound message. */
  takeOutbound(): Message | undefined {
    const message = this.outbound.shift()
    if (
      message !== undefined &&
      this.#sendFull &&
      this.outbound.length <= lowWaterMark(this.sendHighWaterMark)
    ) {
      this.#sendFull = false
      this.#events.writeActivated(this)
    }
    return message
  }

  /** Drops every queued outbound message (a peer that will never take them). */
  clearOutbound(): void {
    this.outbound.clear()
    if (this.#sendFull) {
      this.#sendFull = false
      this.#events.writeActivated(this)
    }
  }

  /** The carrier hands over a received message. */
  deliver(message: Message): void {
    if (this.inbound.length === 0 && !this.conflate && this.#events.handOff?.(this, message)) return
    if (this.conflate) this.inbound.clear()
    this.inbound.push(message)
    const hwm = this.receiveHighWaterMark
    if (hwm > 0 && !this.conflate && this.inbound.length >= hwm && !this.#receiveFull) {
      this.#receiveFull = true
      this.#carrier?.setReading(false)
    }
    this.#events.readActivated(this)
  }

  /** The socket reads the next received message. */
  read(): Message | undefined {
    const message = this.inbound.shift()
    if (message === undefined) return undefined
    if (this.#receiveFull && this.inbound.length <= lowWaterMark(this.receiveHighWaterMark)) {
      this.#receiveFull = false
      this.#carrier?.setReading(true)
    }
    if (this.terminated && this.inbound.length === 0) this.#events.terminated(this)
    return message
  }

  /**
   * The socket sends a subscription straight to the peer (not queued behind data; the socket replays it
   * on reconnect). Subscriptions travel as messages do: sent through the pipe to the carrier, and
   * delivered from the carrier through the pipe to the socket.
   */
  sendSubscription(subscribe: boolean, topic: Uint8Array): void {
    this.#carrier?.sendSubscription(subscribe, topic)
  }

  /** The carrier hands over a subscription (or its cancellation) the peer sent. */
  deliverSubscription(subscribe: boolean, topic: Uint8Array): void {
    this.#events.subscription(this, subscribe, topic)
  }

  /**
   * A carrier finished a handshake with `peer` (first connection or a reconnect) and carries the pipe's
   * messages from now on; what waited in the outbound queue leaves.
   */
  attach(carrier: Carrier, peer: PeerInfo): void {
    this.#carrier = carrier
    this.peer = peer
    this.#events.connected(this)
    if (this.outbound.length > 0) this.#carrier?.pull()
  }

  /** `carrier`'s connection is gone; messages wait for the next one. Does nothing if another carrier took over. */
  detach(carrier: Carrier): void {
    if (this.#carrier === carrier) this.#carrier = null
  }

  /** The peer is gone for good: undelivered outbound messages are dropped, received ones stay readable. */
  terminate(): void {
    if (this.terminated) return
    this.terminated = true
    const carrier = this.#carrier
    this.#carrier = null
    this.outbound.clear()
    carrier?.close()
    if (this.inbound.length === 0) this.#events.terminated(this)
    else this.#events.readActivated(this)
  }
}

/** Where a full queue becomes usable again, as libzmq computes it. */
export function lowWaterMark(highWaterMark: number): number {
  return Math.floor((highWaterMark + 1) / 2)
}
