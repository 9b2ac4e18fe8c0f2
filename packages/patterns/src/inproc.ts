import { ErrorCode, isCompatible, type PeerInfo, SocketError } from '@zmtp/core'
import type { Incoming, Outgoing, SocketHost } from './host.js'
import { holdProcess } from './lifetime.js'
import type { Carrier, Pipe } from './pipe.js'

/**
 * `inproc://`: sockets in one process (or page) joined directly, pipe to pipe. Messages are passed as
 * they are, never encoded. As in libzmq, a socket may connect before the name is bound; the link is
 * made when the bind happens. Names are per thread unless {@link setInprocPeers} adds other threads.
 */

/** A made link, same-thread or to another thread: what unbind, disconnect and close end. */
export interface InprocLinkHandle {
  close(): void
  /** Closes once the connecting side's queued messages have moved across, within `linger` ms. */
  closeWhenDrained(linger: number): void
}

/** A `connect()` waiting for its name to be bound. */
export interface PendingConnect {
  socket: SocketHost
  address: string
  pipe: Pipe | null
  link: InprocLinkHandle | null
  stopped: boolean
  /**
   * Set when the connect was stopped with messages queued (ZMQ_LINGER): it still waits for a bind in
   * this thread to deliver them, until `deadline` (-1: none); `end` gives up (drops them) or is called
   * once they have a link.
   */
  lingering?: { deadline: number; end(): void }
}

/** A name bound in this thread: the socket holding it and the links made to it. */
export interface InprocBinding {
  socket: SocketHost
  links: Set<InprocLinkHandle>
}

/**
 * Other threads of the process, when enabled (the Node entry does): they learn of names bound here and
 * look for names connected to here that no socket of this thread holds.
 */
export interface InprocPeers {
  /** Whether another thread holds `name`, as far as this thread has heard. */
  boundElsewhere(name: string): boolean
  /** `binding` now holds `name` in this thread. */
  bound(name: string, binding: InprocBinding): void
  /** `name` is no longer held in this thread. */
  unbound(name: string): void
  /** A connect found no socket holding `name` in this thread: ask the other threads. */
  seek(name: string, request: PendingConnect): void
  /**
   * A connect that was waiting for its name was stopped. Returns true when another thread holds the name
   * and the request's queue will cross to it within `linger` ms (the peers then end its pipe).
   */
  forget(request: PendingConnect, linger: number): boolean
}

const bound = new Map<string, InprocBinding>()
const pending = new Map<string, Set<PendingConnect>>()
let peers: InprocPeers | null = null

/** Joins this thread's inproc names to those of other threads (see {@link InprocPeers}). */
export function setInprocPeers(value: InprocPeers | null): void {
  peers = value
}

/**
 * Takes `request` out of the waiting connects of `name` for a link another thread offers; false when it
 * was stopped or linked meanwhile.
 */
export function claimPending(name: string, request: PendingConnect): boolean {
  const waiting = pending.get(name)
  if (request.stopped || request.link || !waiting?.delete(request)) return false
  if (waiting.size === 0) pending.delete(name)
  return true
}

/** Moves one direction's messages: from `from`'s outbound queue into `to`'s inbound queue. */
class InprocCarrier implements Carrier {
  reverse!: InprocCarrier
  /** Called once the outbound queue is empty (a lingering close waits for it). */
  onDrained: (() => void) | null = null
  #pulling = false

  constructor(
    readonly from: Pipe,
    readonly to: Pipe,
  ) {}

  pull(): void {
    // Taking a message can wake waiting senders, who write and call pull again: the outer loop
    // takes their messages in turn, so order holds.
    if (this.#pulling) return
    this.#pulling = true
    try {
      const to = this.to
      const hwm = to.receiveHighWaterMark
      while (!to.terminated && (hwm === 0 || to.conflate || to.inbound.length < hwm)) {
        const message = this.from.takeOutbound()
        if (message === undefined) break
        to.deliver(message)
      }
    } finally {
      this.#pulling = false
    }
    if (this.from.outbound.length === 0) this.onDrained?.()
  }

  sendSubscription(subscribe: boolean, topic: Uint8Array): void {
    if (!this.to.terminated) this.to.deliverSubscription(subscribe, topic)
  }

  setReading(reading: boolean): void {
    // Our pipe's inbound queue has room again: the other direction may move more.
    if (reading) this.reverse.pull()
  }

  close(): void {
    this.to.terminate()
  }
}

class InprocLink implements InprocLinkHandle {
  constructor(
    readonly connectPipe: Pipe,
    readonly bindPipe: Pipe,
    /** Moves the connecting side's messages across. */
    readonly forward: InprocCarrier,
  ) {}

  /** Lets the process go once a lingering close is over (see lifetime.ts). */
  #releaseLinger: (() => void) | undefined

  close(): void {
    this.#releaseLinger?.()
    this.connectPipe.terminate()
    this.bindPipe.terminate()
  }

  /** Closes once the connecting side's queued messages have moved across (ZMQ_LINGER), or at once. */
  closeWhenDrained(linger: number): void {
    if (linger === 0 || this.connectPipe.carrier !== this.forward || this.connectPipe.outbound.length === 0) {
      this.close()
      return
    }
    // The peer's full queue holds ours back: waiting for it keeps the process alive, as zeromq.js does.
    this.#releaseLinger = holdProcess()
    this.forward.onDrained = () => this.close()
    if (linger > 0) setTimeout(() => this.close(), linger)
  }
}

function peerOf(socket: SocketHost): PeerInfo {
  return {
    socketType: socket.type,
    routingId: socket.options.routingId ?? new Uint8Array(0),
    metadata: new Map(),
    minor: 1,
    mechanism: 'NULL',
  }
}

function link(binder: SocketHost, request: PendingConnect, links: Set<InprocLinkHandle>): void {
  const connector = request.socket
  if (!isCompatible(connector.type, binder.type)) {
    const error = new SocketError(
      ErrorCode.SocketTypeMismatch,
      `a ${connector.type} socket cannot talk to a ${binder.type} peer`,
    )
    connector.emit({ type: 'handshake:error:protocol', address: request.address, error })
    binder.emit({ type: 'handshake:error:protocol', address: request.address, error })
    return
  }
  // A stopped connect still lingering joins only to hand over its queue.
  const joins = request.lingering !== undefined || connector.acceptsPeer(peerOf(binder), request.pipe)
  if (!joins || !binder.acceptsPeer(peerOf(connector))) return
  const connectPipe = request.pipe ?? connector.addPipe(request.address)
  const bindPipe = binder.addPipe(request.address)
  const forward = new InprocCarrier(connectPipe, bindPipe)
  const backward = new InprocCarrier(bindPipe, connectPipe)
  forward.reverse = backward
  backward.reverse = forward
  const inprocLink = new InprocLink(connectPipe, bindPipe, forward)
  request.link = inprocLink
  links.add(inprocLink)
  connector.emit({ type: 'connect', address: request.address })
  binder.emit({ type: 'accept', address: request.address })
  bindPipe.attach(backward, peerOf(connector))
  connectPipe.attach(forward, peerOf(binder))
  const handshake = {
    type: 'handshake',
    address: request.address,
    mechanism: 'NULL',
    properties: new Map(),
  } as const
  connector.emit(handshake)
  binder.emit(handshake)
}

/** Whether a socket holds `inproc://name` now. */
export function isInprocBound(name: string): boolean {
  return bound.has(name)
}

/** Binds `name` for `socket`; throws EADDRINUSE when another socket holds it. */
export function bindInproc(name: string, socket: SocketHost): Incoming {
  if (bound.has(name) || peers?.boundElsewhere(name)) {
    throw new SocketError(ErrorCode.AddressInUse, `inproc://${name} is already bound`)
  }
  const entry: InprocBinding = { socket, links: new Set() }
  bound.set(name, entry)
  peers?.bound(name, entry)
  const waiting = pending.get(name)
  pending.delete(name)
  if (waiting) {
    for (const request of waiting) {
      const lingering = request.lingering
      if (lingering && !request.link && request.pipe && !request.pipe.terminated) {
        link(socket, request, entry.links)
        const left = lingering.deadline < 0 ? -1 : Math.max(1, lingering.deadline - Date.now())
        lingering.end()
        ;(request.link as InprocLinkHandle | null)?.closeWhenDrained(left)
      } else if (!request.stopped) {
        link(socket, request, entry.links)
      }
    }
  }
  return {
    async close() {
      if (bound.get(name) === entry) {
        bound.delete(name)
        peers?.unbound(name)
      }
      for (const l of entry.links) l.close()
      entry.links.clear()
    },
  }
}

/**
 * Keeps a stopped connect among the waiting ones of `name` so that a later bind in this thread gets its
 * queue, within `linger` ms (-1: no limit); meanwhile it keeps the process alive (lifetime.ts), unless
 * another thread's registry already does (`elsewhere`), which also drops the queue when it gives up.
 */
function lingerPending(name: string, request: PendingConnect, linger: number, elsewhere: boolean): void {
  const release = elsewhere ? () => {} : holdProcess()
  const timer = linger > 0 && !elsewhere ? setTimeout(() => giveUp(), linger) : undefined
  const end = () => {
    if (request.lingering === undefined) return
    request.lingering = undefined
    clearTimeout(timer)
    pending.get(name)?.delete(request)
    release()
  }
  const giveUp = () => {
    end()
    if (!request.link) request.pipe?.terminate()
  }
  request.lingering = { deadline: linger > 0 ? Date.now() + linger : -1, end }
}

/** Connects `socket` to `name`, now or when it is bound. Returns a handle that undoes the connect. */
export function connectInproc(name: string, socket: SocketHost, address: string): Outgoing {
  const request: PendingConnect = { socket, address, pipe: null, link: null, stopped: false }
  const target = bound.get(name)
  if (target) {
    link(target.socket, request, target.links)
  } else {
    if (!socket.options.immediate) request.pipe = socket.addPipe(address)
    let set = pending.get(name)
    if (!set) pending.set(name, (set = new Set()))
    set.add(request)
    peers?.seek(name, request)
  }
  return {
    stop(linger: number) {
      request.stopped = true
      if (request.link) {
        pending.get(name)?.delete(request)
        peers?.forget(request, 0)
        bound.get(name)?.links.delete(request.link)
        request.link.closeWhenDrained(linger)
        return
      }
      // Another thread may take the queue (its registry then decides how long to wait and when to drop).
      const elsewhere = peers?.forget(request, linger) ?? false
      if (linger === 0 || (request.pipe?.outbound.length ?? 0) === 0) {
        pending.get(name)?.delete(request)
        if (!elsewhere) request.pipe?.terminate()
        return
      }
      // Queued messages wait for a bind in this thread too, as libzmq's pending inproc connects do.
      lingerPending(name, request, linger, elsewhere)
    },
  }
}
