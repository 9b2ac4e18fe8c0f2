import {
  type Connection,
  type EngineOptions,
  ErrorCode,
  type Listener,
  type Mechanism,
  type PeerInfo,
  SocketError,
  type SocketType,
  type Transport,
  type TransportOptions,
  toBytes,
} from '@zmtp/core'
import { Connecter } from './connecter.js'
import { SocketEvents } from './events.js'
import { bindInproc, connectInproc, type InprocBinding } from './inproc.js'
import { type Message, type MessageLike, toMessage } from './message.js'
import { defaultOptions, type SocketOptions } from './options.js'
import { Pipe, type PipeOwner } from './pipe.js'
import { resolveEndpoint } from './resolve-endpoint.js'
import { Session } from './session.js'
import { reportSessionEnd } from './session-events.js'
import { Deque } from './util/deque.js'

interface SendWaiter {
  message: Message
  resolve: () => void
  reject: (error: Error) => void
  timer?: ReturnType<typeof setTimeout>
}

interface ReceiveWaiter {
  resolve: (message: Message) => void
  reject: (error: Error) => void
  timer?: ReturnType<typeof setTimeout>
}

interface Binding {
  listener?: Listener
  inproc?: InprocBinding
  sessions: Set<Session>
}

/** How a socket type answers `send` and `receive` right now. */
export type SendResult = boolean

/**
 * The part every socket type shares: options, bind/connect with reconnects, pipes to peers, monitor
 * events, and the queues of callers waiting in `send()` and `receive()`. A socket type supplies its
 * routing strategy: `trySend`/`tryReceive` and what to do as pipes come and go.
 */
export abstract class Socket implements PipeOwner {
  /** Monitor events: `socket.events.on('connect', e => ...)` or `for await (const e of socket.events)`. */
  readonly events = new SocketEvents()
  /** The endpoint of the last successful `bind()`, with the real port for `*` (ZMQ_LAST_ENDPOINT). */
  lastEndpoint: string | undefined = undefined

  /** {@inheritDoc SocketOptions.transports} */
  transports: Transport[]
  /** {@inheritDoc SocketOptions.sendHighWaterMark} */
  sendHighWaterMark: number
  /** {@inheritDoc SocketOptions.receiveHighWaterMark} */
  receiveHighWaterMark: number
  /** {@inheritDoc SocketOptions.linger} */
  linger: number
  /** {@inheritDoc SocketOptions.sendTimeout} */
  sendTimeout: number
  /** {@inheritDoc SocketOptions.receiveTimeout} */
  receiveTimeout: number
  /** {@inheritDoc SocketOptions.reconnectInterval} */
  reconnectInterval: number
  /** {@inheritDoc SocketOptions.reconnectMaxInterval} */
  reconnectMaxInterval: number
  /** {@inheritDoc SocketOptions.handshakeInterval} */
  handshakeInterval: number
  /** {@inheritDoc SocketOptions.heartbeatInterval} */
  heartbeatInterval: number
  /** {@inheritDoc SocketOptions.heartbeatTimeToLive} */
  heartbeatTimeToLive: number
  /** {@inheritDoc SocketOptions.heartbeatTimeout} */
  heartbeatTimeout: number
  /** {@inheritDoc SocketOptions.maxMessageSize} */
  maxMessageSize: number
  /** {@inheritDoc SocketOptions.immediate} */
  immediate: boolean
  /** {@inheritDoc SocketOptions.conflate} */
  conflate: boolean
  /** {@inheritDoc SocketOptions.mechanism} */
  mechanism: Mechanism | undefined
  /** {@inheritDoc SocketOptions.transportOptions} */
  transportOptions: Record<string, unknown> | undefined
  #routingId: Uint8Array | undefined

  #closed = false
  readonly #bindings = new Map<string, Binding>()
  readonly #connecters = new Map<string, Connecter[]>()
  readonly #pipes = new Set<Pipe>()
  readonly #sendWaiters = new Deque<SendWaiter>()
  readonly #receiveWaiters = new Deque<ReceiveWaiter>()
  #servingSenders = false
  #servingReceivers = false

  protected constructor(
    /** The ZeroMQ socket type, as sent in `Socket-Type`. */
    readonly type: SocketType,
    options: SocketOptions = {},
    overrides: Partial<typeof defaultOptions> = {},
  ) {
    const o = { ...defaultOptions, ...overrides, ...stripUndefined(options) }
    this.transports = options.transports ?? []
    this.sendHighWaterMark = o.sendHighWaterMark
    this.receiveHighWaterMark = o.receiveHighWaterMark
    this.linger = o.linger
    this.sendTimeout = o.sendTimeout
    this.receiveTimeout = o.receiveTimeout
    this.reconnectInterval = o.reconnectInterval
    this.reconnectMaxInterval = o.reconnectMaxInterval
    this.handshakeInterval = o.handshakeInterval
    this.heartbeatInterval = o.heartbeatInterval
    this.heartbeatTimeToLive = o.heartbeatTimeToLive
    this.heartbeatTimeout = o.heartbeatTimeout
    this.maxMessageSize = o.maxMessageSize
    this.immediate = o.immediate
    this.conflate = o.conflate
    this.mechanism = options.mechanism
    this.transportOptions = options.transportOptions
    if (options.routingId !== undefined) this.routingId = options.routingId
  }

  /** {@inheritDoc SocketOptions.routingId} */
  get routingId(): Uint8Array | undefined {
    return this.#routingId
  }

  set routingId(value: string | Uint8Array | undefined) {
    if (value === undefined) {
      this.#routingId = undefined
      return
    }
    const bytes = toBytes(value)
    if (bytes.length < 1 || bytes.length > 255) {
      throw new SocketError(ErrorCode.InvalidArgument, 'routingId must be 1 to 255 octets')
    }
    this.#routingId = bytes
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.#closed
  }

  /**
   * Listens on `endpoint` (`tcp://127.0.0.1:*`, `ipc:///tmp/x`, `inproc://name`, `ws://127.0.0.1:8080/path`...).
   * Resolves once listening; `lastEndpoint` then holds the real address.
   */
  async bind(endpoint: string): Promise<void> {
    this.#assertOpen()
    const target = resolveEndpoint(endpoint, this.transports, 'bind')
    try {
      if (target.inproc !== undefined) {
        const binding: Binding = { sessions: new Set() }
        binding.inproc = bindInproc(target.inproc, this)
        this.#bindings.set(endpoint, binding)
        this.lastEndpoint = `inproc://${target.inproc}`
      } else {
        const { endpoint: parsed, transport } = target
        const binding: Binding = { sessions: new Set() }
        const listener = await transport.listen(parsed, {
          ...this.transportOptionsForTransport(),
          onConnection: (connection) => this.#accept(connection, binding, listener.endpoint),
          onError: (error) => this.emitEvent({ type: 'accept:error', address: endpoint, error }),
        })
        binding.listener = listener
        if (this.#closed) {
          await listener.close()
          throw new SocketError(ErrorCode.Closed, 'socket closed while binding')
        }
        this.#bindings.set(endpoint, binding)
        if (listener.endpoint !== endpoint) this.#bindings.set(listener.endpoint, binding)
        this.lastEndpoint = listener.endpoint
      }
      this.emitEvent({ type: 'bind', address: this.lastEndpoint })
    } catch (error) {
      this.emitEvent({ type: 'bind:error', address: endpoint, error: error as Error })
      throw error
    }
  }

  /** Stops listening on an endpoint given to `bind()` (or its resolved `lastEndpoint`). */
  async unbind(endpoint: string): Promise<void> {
    this.#assertOpen()
    const binding = this.#bindings.get(endpoint)
    if (!binding) throw new SocketError(ErrorCode.InvalidArgument, `not bound to ${endpoint}`)
    for (const [key, value] of this.#bindings) if (value === binding) this.#bindings.delete(key)
    await this.#closeBinding(binding, endpoint)
  }

  /**
   * Connects to `endpoint` and returns at once: the connection is made, and remade after failures, in
   * the background. Messages sent meanwhile wait in the queue for that peer (unless `immediate`).
   */
  connect(endpoint: string): void {
    this.#assertOpen()
    const target = resolveEndpoint(endpoint, this.transports, 'connect')
    if (target.inproc !== undefined) {
      const link = connectInproc(target.inproc, this, endpoint)
      this.#addConnecter(endpoint, link)
      return
    }
    const { endpoint: parsed, transport } = target
    const connecter = new Connecter(this, endpoint, parsed, transport)
    this.#addConnecter(endpoint, connecter)
    connecter.start()
  }

  /** Stops connecting to `endpoint` and closes its connection. */
  disconnect(endpoint: string): void {
    this.#assertOpen()
    const connecters = this.#connecters.get(endpoint)
    if (!connecters) throw new SocketError(ErrorCode.InvalidArgument, `not connected to ${endpoint}`)
    this.#connecters.delete(endpoint)
    for (const connecter of connecters) connecter.stop(0)
  }

  /**
   * Closes the socket: listeners stop, connections close once their queued messages have left (within
   * `linger`), and pending `send()`/`receive()` calls reject with ETERM. Monitor events end with `end`.
   */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    const closed = new SocketError(ErrorCode.Closed, 'socket closed')
    for (const waiter of drain(this.#sendWaiters)) {
      clearTimeout(waiter.timer)
      waiter.reject(closed)
    }
    for (const waiter of drain(this.#receiveWaiters)) {
      clearTimeout(waiter.timer)
      waiter.reject(closed)
    }
    const bindings = new Set(this.#bindings.values())
    this.#bindings.clear()
    for (const binding of bindings) void this.#closeBinding(binding, undefined)
    for (const connecters of this.#connecters.values()) for (const c of connecters) c.stop(this.linger)
    this.#connecters.clear()
    // With linger, each session closes its pipe once the queue has left; without, drop everything now.
    if (this.linger === 0) for (const pipe of this.#pipes) pipe.terminate()
    this.onClose()
    this.emitEvent({ type: 'end' })
  }

  // --- for socket types -----------------------------------------------------------------------------

  /** Sends now if the routing strategy can; returns false to wait. May throw to reject at once. */
  protected abstract trySend(message: Message): boolean
  /** Receives now if a message is ready. May throw to reject at once (EFSM). */
  protected abstract tryReceive(): Message | undefined
  /** A pipe joins the socket (at `connect()`, or when an accepted peer finishes its handshake). */
  protected abstract attach(pipe: Pipe): void
  /** A pipe leaves for good. */
  protected abstract detach(pipe: Pipe): void
  /** A pipe's peer finished a handshake (also after every reconnect). */
  protected connected(_pipe: Pipe): void {}
  /** A peer sent a SUBSCRIBE or CANCEL command. */
  protected subscription(_pipe: Pipe, _subscribe: boolean, _topic: Uint8Array): void {}
  /** A pipe has received messages. By default, waiting receivers are served. */
  protected readable(_pipe: Pipe): void {
    this.serveReceivers()
  }
  /**
   * Whether a peer finishing its handshake may join; Pair refuses a second one. `pipe` is the pipe the
   * connection will use when it already exists (a connecting side's pipe).
   */
  protected accepts(_peer: PeerInfo, _pipe: Pipe | null): boolean {
    return true
  }
  /** Called once when the socket closes. */
  protected onClose(): void {}

  /** The shared send path: queued in call order behind earlier waiting sends. */
  protected sendMessage(message: MessageLike): Promise<void> {
    if (this.#closed) return Promise.reject(new SocketError(ErrorCode.Closed, 'socket closed'))
    let frames: Message
    try {
      frames = toMessage(message)
      if (this.#sendWaiters.length === 0 && this.trySend(frames)) return Promise.resolve()
    } catch (error) {
      return Promise.reject(error)
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: SendWaiter = { message: frames, resolve, reject }
      if (this.sendTimeout >= 0) {
        waiter.timer = setTimeout(() => {
          this.#sendWaiters.removeFirst((w) => w === waiter)
          reject(new SocketError(ErrorCode.Again, `send timed out after ${this.sendTimeout} ms`))
        }, this.sendTimeout)
      }
      this.#sendWaiters.push(waiter)
    })
  }

  /** The shared receive path: concurrent calls are served in call order. */
  protected receiveMessage(): Promise<Message> {
    if (this.#closed) return Promise.reject(new SocketError(ErrorCode.Closed, 'socket closed'))
    try {
      if (this.#receiveWaiters.length === 0) {
        const message = this.tryReceive()
        if (message !== undefined) return Promise.resolve(message)
      }
    } catch (error) {
      return Promise.reject(error)
    }
    return new Promise<Message>((resolve, reject) => {
      const waiter: ReceiveWaiter = { resolve, reject }
      if (this.receiveTimeout >= 0) {
        waiter.timer = setTimeout(() => {
          this.#receiveWaiters.removeFirst((w) => w === waiter)
          reject(new SocketError(ErrorCode.Again, `receive timed out after ${this.receiveTimeout} ms`))
        }, this.receiveTimeout)
      }
      this.#receiveWaiters.push(waiter)
    })
  }

  /** Async iteration over received messages; ends when the socket closes. */
  protected async *iterateMessages(): AsyncGenerator<Message, undefined, undefined> {
    while (!this.#closed) {
      try {
        yield await this.receiveMessage()
      } catch (error) {
        if (error instanceof SocketError && error.code === ErrorCode.Closed) return undefined
        throw error
      }
    }
    return undefined
  }

  /** Retries waiting sends in order after a pipe became writable or joined. */
  protected serveSenders(): void {
    // Sending can make a pipe report itself writable again; the outer loop picks that up.
    if (this.#servingSenders) return
    this.#servingSenders = true
    try {
      this.#serveSenders()
    } finally {
      this.#servingSenders = false
    }
  }

  #serveSenders(): void {
    const waiters = this.#sendWaiters
    while (waiters.length > 0) {
      const waiter = waiters.peek()!
      let sent: boolean
      try {
        sent = this.trySend(waiter.message)
      } catch (error) {
        waiters.shift()
        clearTimeout(waiter.timer)
        waiter.reject(error as Error)
        continue
      }
      if (!sent) return
      waiters.shift()
      clearTimeout(waiter.timer)
      waiter.resolve()
    }
  }

  /** Hands received messages to waiting receivers in order. */
  protected serveReceivers(): void {
    // Reading can move more messages in (inproc); the outer loop hands them out in order.
    if (this.#servingReceivers) return
    this.#servingReceivers = true
    try {
      this.#serveReceivers()
    } finally {
      this.#servingReceivers = false
    }
  }

  #serveReceivers(): void {
    const waiters = this.#receiveWaiters
    while (waiters.length > 0) {
      let message: Message | undefined
      try {
        message = this.tryReceive()
      } catch (error) {
        const waiter = waiters.shift()!
        clearTimeout(waiter.timer)
        waiter.reject(error as Error)
        continue
      }
      if (message === undefined) return
      const waiter = waiters.shift()!
      clearTimeout(waiter.timer)
      waiter.resolve(message)
    }
  }

  /** Whether callers wait in `receive()`. */
  protected get hasReceivers(): boolean {
    return this.#receiveWaiters.length > 0
  }

  /** Every pipe currently attached. */
  protected get pipes(): ReadonlySet<Pipe> {
    return this.#pipes
  }

  // --- internal: used by connecters, acceptors and pipes ----------------------------------------------

  /** @internal Emits a monitor event. */
  emitEvent(event: Parameters<SocketEvents['dispatch']>[0]): void {
    this.events.dispatch(event)
  }

  /** @internal A new pipe with this socket's current queue limits. */
  createPipe(address: string): Pipe {
    const pipe = new Pipe(this, this.sendHighWaterMark, this.receiveHighWaterMark, address)
    pipe.conflate = this.conflate
    return pipe
  }

  /** @internal */
  attachPipe(pipe: Pipe): void {
    if (this.#closed) {
      pipe.terminate()
      return
    }
    this.#pipes.add(pipe)
    this.attach(pipe)
    this.serveSenders()
  }

  /** @internal Whether a peer that finished its handshake may join. */
  acceptsPeer(peer: PeerInfo, pipe: Pipe | null = null): boolean {
    return !this.#closed && this.accepts(peer, pipe)
  }

  /** @internal Engine settings for a new connection. */
  engineOptions(): Omit<EngineOptions, 'framing' | 'peerAddress'> {
    return {
      socketType: this.type,
      mechanism: this.mechanism,
      routingId: this.#routingId,
      maxMessageSize: this.maxMessageSize >= 0 ? this.maxMessageSize : undefined,
      handshakeInterval: this.handshakeInterval,
      heartbeatInterval: this.heartbeatInterval,
      heartbeatTimeToLive: this.heartbeatTimeToLive,
      heartbeatTimeout: this.heartbeatTimeout >= 0 ? this.heartbeatTimeout : undefined,
    }
  }

  pipeReadable(pipe: Pipe): void {
    this.readable(pipe)
  }

  pipeWritable(_pipe: Pipe): void {
    this.serveSenders()
  }

  pipeSubscription(pipe: Pipe, subscribe: boolean, topic: Uint8Array): void {
    this.subscription(pipe, subscribe, topic)
  }

  pipeConnected(pipe: Pipe): void {
    this.connected(pipe)
    this.serveSenders()
  }

  pipeTerminated(pipe: Pipe): void {
    if (!this.#pipes.delete(pipe)) return
    this.detach(pipe)
  }

  /** @internal What a transport is told when this socket binds or connects. */
  transportOptionsForTransport(): TransportOptions {
    return {
      mechanism: this.mechanism?.name ?? 'NULL',
      maxMessageSize: this.maxMessageSize >= 0 ? this.maxMessageSize : undefined,
      heartbeatInterval: this.heartbeatInterval,
      heartbeatTimeout: this.heartbeatTimeout >= 0 ? this.heartbeatTimeout : undefined,
      extra: this.transportOptions,
    }
  }

  #accept(connection: Connection, binding: Binding, endpoint: string) {
    if (this.#closed) {
      connection.destroy()
      return
    }
    this.emitEvent({ type: 'accept', address: endpoint })
    let pipe: Pipe | null = null
    const session = new Session(connection, this.engineOptions(), {
      handshake: (_session, peer) => {
        if (!this.acceptsPeer(peer)) return null
        pipe = this.createPipe(connection.remoteAddress)
        this.attachPipe(pipe)
        this.emitEvent({ type: 'handshake', address: endpoint })
        return pipe
      },
      closed: (_session, error, handshaken) => {
        binding.sessions.delete(session)
        pipe?.terminate()
        reportSessionEnd(this, endpoint, error, handshaken)
      },
    })
    binding.sessions.add(session)
    session.start()
  }

  async #closeBinding(binding: Binding, endpoint: string | undefined): Promise<void> {
    binding.inproc?.close()
    for (const session of binding.sessions) session.closeWhenIdle(this.linger)
    if (binding.listener) {
      await binding.listener.close()
      this.emitEvent({ type: 'close', address: endpoint ?? binding.listener.endpoint })
    }
  }

  #addConnecter(endpoint: string, connecter: Connecter | { stop(linger: number): void }): void {
    const list = this.#connecters.get(endpoint) ?? []
    list.push(connecter as Connecter)
    this.#connecters.set(endpoint, list)
  }

  #assertOpen(): void {
    if (this.#closed) throw new SocketError(ErrorCode.Closed, 'socket closed')
  }
}

function* drain<T>(deque: Deque<T>): Generator<T> {
  while (deque.length > 0) yield deque.shift()!
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {}
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) (out as Record<string, unknown>)[key] = entry
  }
  return out
}
