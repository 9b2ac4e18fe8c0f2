import { ErrorCode, SocketError } from '@zmtp/core'
import { readable, writable } from '../capabilities.js'
import { type Message, receivedCopy } from '../message.js'
import { type SocketOptions, toRoutingId } from '../options.js'
import type { Pipe } from '../pipe.js'
import { FairQueue } from '../routing/fair-queue.js'
import { RoutingKeys } from '../routing/routing-key.js'
import { Socket } from '../socket.js'

export interface RouterOptions extends SocketOptions {
  /** Reject sends to unknown peers with EHOSTUNREACH, and wait at a full peer, instead of dropping (ZMQ_ROUTER_MANDATORY). */
  mandatory?: boolean
  /** A new peer with a routing id already in use takes it over from the old one (ZMQ_ROUTER_HANDOVER). */
  handover?: boolean
  /** Send an empty message to every peer on connecting (ZMQ_PROBE_ROUTER). */
  probeRouter?: boolean
}

/** The shape of a generated routing id, `00` and a 32-bit counter: copied, then the counter is filled in. */
const GENERATED_ID = new Uint8Array(5)

/** Options of {@link Router.connect}. */
export interface RouterConnectOptions {
  /**
   * The routing id this Router gives the peer at this endpoint, instead of the id the peer announces
   * (ZMQ_CONNECT_ROUTING_ID). Messages to it can be sent at once, before the connection is made.
   */
  routingId?: string | Uint8Array
}

/**
 * ROUTER: every received message starts with a frame naming the peer it came from (its routing id:
 * the peer's `Identity`, else 5 generated octets `00` + a counter, as libzmq makes them). To reply, send
 * a message whose first frame is that id. Messages to unknown peers, or to peers whose queue is full,
 * are dropped unless `mandatory` is set.
 */
export class Router extends /* @__PURE__ */ readable(/* @__PURE__ */ writable(Socket)) {
  /** {@inheritDoc RouterOptions.mandatory} */
  mandatory: boolean
  /** {@inheritDoc RouterOptions.handover} */
  handover: boolean
  /** {@inheritDoc RouterOptions.probeRouter} */
  probeRouter: boolean
  readonly #fq = new FairQueue()
  readonly #byId = new Map<string, Pipe>()
  /** Keys of the routing ids this socket assigned, computed once per id. */
  readonly #keys = new RoutingKeys()
  /** Pipes whose routing id collided with a live one: their messages are never read (libzmq). */
  readonly #ignored = new Set<Pipe>()
  #nextId = (Math.random() * 0x1_0000_0000) >>> 0
  /** Routing ids given to `connect()`, by endpoint, for the pipe that connect makes. */
  readonly #connectIds = new Map<string, Uint8Array>()
  /** Pipes whose routing id was chosen at connect: the peer's announced id does not replace it. */
  readonly #fixedIds = new WeakSet<Pipe>()

  constructor(options: RouterOptions = {}) {
    super('ROUTER', options)
    this.mandatory = options.mandatory ?? false
    this.handover = options.handover ?? false
    this.probeRouter = options.probeRouter ?? false
  }

  /**
   * Connects as {@link Socket.connect}; with `routingId`, the peer at `endpoint` is known by that id
   * from now on, so it can be sent to at once (queued until connected) even with `mandatory`.
   */
  override connect(endpoint: string, options: RouterConnectOptions = {}): void {
    const id = toRoutingId(options.routingId)
    if (id === undefined) {
      super.connect(endpoint)
      return
    }
    const key = this.#keys.of(id)
    const holder = this.#byId.get(key)
    if (holder && !holder.terminated) {
      throw new SocketError(ErrorCode.InvalidArgument, 'routingId is already in use', { address: endpoint })
    }
    this.#connectIds.set(endpoint, id)
    try {
      super.connect(endpoint)
    } finally {
      this.#connectIds.delete(endpoint)
    }
  }

  protected trySend(message: Message): boolean {
    if (message.length < 2) return true // libzmq ignores a message with only a routing id
    const pipe = this.#byId.get(this.#keys.of(message[0]!))
    if (!pipe || pipe.terminated) {
      if (this.mandatory) {
        throw new SocketError(ErrorCode.HostUnreachable, 'no peer with that routing id')
      }
      return true
    }
    const body = message.slice(1)
    if (pipe.write(body)) return true
    return !this.mandatory
  }

  protected tryReceive(): Message | undefined {
    for (;;) {
      const message = this.#fq.read()
      if (message === undefined) return undefined
      const pipe = this.#fq.lastPipe!
      if (this.#ignored.has(pipe) || !pipe.routingId) continue
      return withRoutingId(pipe.routingId, message)
    }
  }

  protected override receiveDirect(pipe: Pipe, message: Message): Message | undefined {
    // Messages of ignored pipes, or of a pipe without an id yet, queue: readActivated drops them.
    if (!this.#fq.empty || this.#ignored.has(pipe) || !pipe.routingId) return undefined
    return withRoutingId(pipe.routingId, message)
  }

  protected attached(pipe: Pipe): void {
    const id = this.#connectIds.get(pipe.address)
    if (id === undefined) return
    pipe.routingId = id
    this.#fixedIds.add(pipe)
    this.#byId.set(this.#keys.remember(id), pipe)
  }

  protected terminated(pipe: Pipe): void {
    this.#fq.remove(pipe)
    this.#ignored.delete(pipe)
    if (!pipe.routingId) return
    const key = this.#keys.remember(pipe.routingId)
    if (this.#byId.get(key) === pipe) this.#byId.delete(key)
  }

  protected override connected(pipe: Pipe): void {
    const announced = pipe.peer?.routingId
    let id: Uint8Array
    if (this.#fixedIds.has(pipe) && pipe.routingId) id = pipe.routingId
    else if (announced && announced.length > 0) id = receivedCopy(announced)
    else if (pipe.routingId) id = pipe.routingId
    else id = this.#generateId()
    const key = this.#keys.remember(id)
    if (pipe.routingId && pipe.routingId !== id) {
      const previous = this.#keys.remember(pipe.routingId)
      if (previous !== key) this.#byId.delete(previous)
    }
    const holder = this.#byId.get(key)
    if (holder && holder !== pipe && !holder.terminated) {
      if (!this.handover) {
        this.#ignored.add(pipe)
        return
      }
      // The old holder gets a fresh id and is dropped; the newcomer takes over.
      this.#byId.delete(key)
      holder.routingId = this.#generateId()
      holder.terminate()
    }
    this.#ignored.delete(pipe)
    pipe.routingId = id
    this.#byId.set(key, pipe)
    if (this.probeRouter) pipe.write([new Uint8Array(0)])
  }

  protected override readActivated(pipe: Pipe): void {
    if (this.#ignored.has(pipe)) {
      while (pipe.read() !== undefined) {}
      return
    }
    this.#fq.readable(pipe)
    this.serveReceivers()
  }

  #generateId(): Uint8Array {
    const id = receivedCopy(GENERATED_ID)
    const n = this.#nextId
    this.#nextId = (n + 1) >>> 0
    id[1] = n >>> 24
    id[2] = (n >>> 16) & 0xff
    id[3] = (n >>> 8) & 0xff
    id[4] = n & 0xff
    return id
  }
}

/** The message as a Router hands it out: the peer's routing id, then its frames. */
function withRoutingId(id: Uint8Array, message: Message): Message {
  // Sized up front: a push would make room for 16 parts.
  const received: Message = new Array(message.length + 1)
  received[0] = id
  for (let i = 0; i < message.length; i++) received[i + 1] = message[i]!
  return received
}
