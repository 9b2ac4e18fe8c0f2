import { ErrorCode, SocketError } from '@zmtp/core'
import { readable, writable } from '../capabilities.js'
import type { Message } from '../message.js'
import type { SocketOptions } from '../options.js'
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

/**
 * ROUTER: every received message starts with a frame naming the peer it came from (its routing id:
 * the peer's `Identity`, else 5 generated octets `00` + a counter, as libzmq makes them). To reply, send
 * a message whose first frame is that id. Messages to unknown peers, or to peers whose queue is full,
 * are dropped unless `mandatory` is set.
 */
export class Router extends readable(writable(Socket)) {
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

  constructor(options: RouterOptions = {}) {
    super('ROUTER', options)
    this.mandatory = options.mandatory ?? false
    this.handover = options.handover ?? false
    this.probeRouter = options.probeRouter ?? false
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
      const next = this.#fq.read()
      if (!next) return undefined
      if (this.#ignored.has(next.pipe) || !next.pipe.routingId) continue
      return [next.pipe.routingId, ...next.message]
    }
  }

  protected attached(): void {}

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
    if (announced && announced.length > 0) id = announced
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
    const id = new Uint8Array(5)
    const n = this.#nextId
    this.#nextId = (n + 1) >>> 0
    id[1] = n >>> 24
    id[2] = (n >>> 16) & 0xff
    id[3] = (n >>> 8) & 0xff
    id[4] = n & 0xff
    return id
  }
}
