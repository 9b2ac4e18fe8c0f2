import { ErrorCode, SocketError, splitEndpointUrl } from '@zmtp/core'
import { readable, writable } from '../capabilities.js'
import type { Message } from '../message.js'
import { type SocketOptions, toRoutingId } from '../options.js'
import type { Pipe } from '../pipe.js'
import { RawSession } from '../raw-session.js'
import { FairQueue } from '../routing/fair-queue.js'
import { RoutingKeys } from '../routing/routing-key.js'
import { registerSessionFactory } from '../session-factory.js'
import { Socket } from '../socket.js'

export interface StreamOptions extends SocketOptions {
  /**
   * Announce each peer that connects, and each that goes away, with a message of its routing id and an
   * empty frame (ZMQ_STREAM_NOTIFY, default true).
   */
  notify?: boolean
}

/** Options of {@link Stream.connect}. */
export interface StreamConnectOptions {
  /** The routing id this connection's peer gets, instead of a generated one (ZMQ_CONNECT_ROUTING_ID). */
  routingId?: string | Uint8Array
}

/** Schemes whose connections are byte streams: the only ones a raw peer can be reached over. */
const BYTE_STREAM_SCHEMES = new Set(['tcp', 'ipc'])

// Registered where the socket type is defined, so the raw session comes only with Stream.
registerSessionFactory('STREAM', (_host, connection, events) => new RawSession(connection, events))

/**
 * STREAM (ZMQ_STREAM): talks to peers that speak plain TCP, not ZMTP (an HTTP client, a telnet
 * session, any byte protocol). Each peer gets a routing id (5 generated octets, as libzmq makes them).
 * Every received message is `[routing id, bytes]`, the bytes as they arrived; with `notify` a peer that
 * connects or goes away is announced as `[routing id, empty]`. Sending `[routing id, bytes]` writes the
 * bytes to that peer; sending `[routing id, empty]` closes its connection once what was sent before has
 * been written. Sending to an unknown routing id fails with EHOSTUNREACH. tcp and ipc only.
 */
export class Stream extends /* @__PURE__ */ readable(/* @__PURE__ */ writable(Socket)) {
  /** {@inheritDoc StreamOptions.notify} */
  notify: boolean
  readonly #fq = new FairQueue()
  readonly #byId = new Map<string, Pipe>()
  readonly #keys = new RoutingKeys()
  /** Routing ids asked for with `connect(address, { routingId })`, by the address connected to. */
  readonly #connectIds = new Map<string, Uint8Array>()
  #nextId = (Math.random() * 0x1_0000_0000) >>> 0

  constructor(options: StreamOptions = {}) {
    super('STREAM', options)
    this.notify = options.notify ?? true
  }

  override async bind(endpoint: string): Promise<void> {
    assertByteStream(endpoint)
    await super.bind(endpoint)
  }

  /** Connects to a raw peer at `endpoint`, optionally naming the routing id it will have. */
  override connect(endpoint: string, options: StreamConnectOptions = {}): void {
    assertByteStream(endpoint)
    const id = toRoutingId(options.routingId)
    if (id) {
      if (this.#byId.has(this.#keys.of(id))) {
        throw new SocketError(ErrorCode.InvalidArgument, 'that routing id is in use by another peer')
      }
      this.#connectIds.set(endpoint, id)
    }
    try {
      super.connect(endpoint)
    } catch (error) {
      if (id) this.#connectIds.delete(endpoint)
      throw error
    }
  }

  override disconnect(endpoint: string): void {
    super.disconnect(endpoint)
    this.#connectIds.delete(endpoint)
  }

  protected trySend(message: Message): boolean {
    if (message.length < 2) {
      throw new SocketError(ErrorCode.InvalidArgument, 'a Stream message is [routing id, data]')
    }
    const key = this.#keys.of(message[0]!)
    const pipe = this.#byId.get(key)
    if (!pipe || pipe.terminated) {
      throw new SocketError(ErrorCode.HostUnreachable, 'no peer with that routing id')
    }
    const data = message.slice(1)
    if (data.every((part) => part.length === 0)) {
      this.#byId.delete(key)
      closePeer(pipe)
      return true
    }
    return pipe.write(data)
  }

  protected tryReceive(): Message | undefined {
    for (;;) {
      const message = this.#fq.read()
      if (message === undefined) return undefined
      const data = message[0]!
      // An empty part is a connect or disconnect notice from the session; data chunks are never empty.
      if (data.length === 0 && !this.notify) continue
      return [this.#fq.lastPipe!.routingId!, data]
    }
  }

  protected override receiveDirect(pipe: Pipe, message: Message): Message | undefined {
    const data = message[0]!
    // A notice that is not wanted queues, and tryReceive skips it as it skips every such notice.
    if (!this.#fq.empty || (data.length === 0 && !this.notify)) return undefined
    return [pipe.routingId!, data]
  }

  protected attached(pipe: Pipe): void {
    const asked = this.#connectIds.get(pipe.address)
    const id = asked && !this.#byId.has(this.#keys.of(asked)) ? asked : this.#generateId()
    pipe.routingId = id
    this.#byId.set(this.#keys.remember(id), pipe)
  }

  protected terminated(pipe: Pipe): void {
    this.#fq.remove(pipe)
    const key = this.#keys.remember(pipe.routingId!)
    if (this.#byId.get(key) === pipe) this.#byId.delete(key)
  }

  protected override readActivated(pipe: Pipe): void {
    this.#fq.readable(pipe)
    this.serveReceivers()
  }

  /** libzmq's generated routing id: a zero octet, then a 32-bit counter from a random start. */
  #generateId(): Uint8Array {
    const id = new Uint8Array(5)
    new DataView(id.buffer).setUint32(1, this.#nextId)
    this.#nextId = (this.#nextId + 1) >>> 0
    return id
  }
}

/**
 * Closes a peer's connection after what is queued for it: the zero-part message is the raw session's
 * cue. A peer not connected now (a connecting socket between attempts), or whose queue is full, is ended
 * at once, its queue dropped, as libzmq drops it.
 */
function closePeer(pipe: Pipe): void {
  if (pipe.carrier && pipe.write([])) return
  pipe.terminate()
}

function assertByteStream(endpoint: string): void {
  const { scheme } = splitEndpointUrl(endpoint)
  if (!BYTE_STREAM_SCHEMES.has(scheme)) {
    throw new SocketError(
      ErrorCode.NotSupported,
      `a Stream socket talks to raw peers over tcp or ipc, not ${scheme}://`,
    )
  }
}
