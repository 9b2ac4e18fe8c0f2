import { EndpointError, ErrorCode, type PeerInfo, SocketError, type SocketType } from '@zmtp/core'
import { Acceptor } from './acceptor.js'
import { Connecter } from './connecter.js'
import { budgetLimit, multipartBudgetOf } from './connection-options.js'
import { EventHub } from './event-hub.js'
import type { SocketEvents } from './events.js'
import type { Incoming, Outgoing, SocketHost } from './host.js'
import { bindInproc, connectInproc } from './inproc.js'
import { flushQueuedAtExit } from './lifetime.js'
import { type Message, type MessageLike, toMessage } from './message.js'
import {
  checkOption,
  type defaultOptions,
  type ResolvedOptions,
  resolveOptions,
  type SocketOptions,
  type SocketSettings,
  settingNames,
  toRoutingId,
  warnLateOption,
} from './options.js'
import { Pipe, type PipeEvents } from './pipe.js'
import { Receivers } from './receivers.js'
import { checkEndpointSyntax, resolveEndpoint } from './resolve-endpoint.js'
import { mechanismNameOf, mechanismOf } from './security/socket-mechanism.js'
import { Senders } from './senders.js'

/**
 * Every option of {@link SocketOptions} but `routingId` is a read-write property of the socket, of the
 * same name and type; the accessors are made once for all names (below), not written out per option.
 */
export interface Socket extends SocketSettings {}

/**
 * The part every socket type shares: options, bind/connect with reconnects, pipes to peers, monitor
 * events, and the callers waiting in `send()` and `receive()`. A socket type supplies its routing
 * strategy: `trySend`/`tryReceive`, and what to do on each pipe event (hooks named as the events).
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above
export abstract class Socket {
  /** Monitor events: `socket.events.on('connect', e => ...)` or `for await (const e of socket.events)`. */
  readonly events: SocketEvents
  /** The endpoint of the last successful `bind()`, with the real port for `*` (ZMQ_LAST_ENDPOINT). */
  lastEndpoint: string | undefined = undefined

  readonly #events = new EventHub()
  readonly #options: ResolvedOptions
  #closed = false
  readonly #bindings = new Map<string, Incoming>()
  readonly #connecters = new Map<string, Outgoing[]>()
  readonly #pipes = new Set<Pipe>()
  readonly #senders = new Senders(this.trySend.bind(this))
  readonly #receivers = new Receivers(this.tryReceive.bind(this), this.receiveDirect.bind(this))
  /** `bind()` and `unbind()` calls not finished yet: `close()` waits for them, as zeromq.js does. */
  #pendingBinds = 0
  #closeWhenSettled = false
  /** Set once the socket has a pipe: undoes its registration for a flush at exit (lifetime.ts). */
  #unregisterExit: (() => void) | undefined
  /** What connecters, acceptors, inproc links and pipes may use of this socket, and nothing more. */
  readonly #host: SocketHost & PipeEvents
  /** The allowance that incomplete multipart messages of all this socket's connections share. */
  readonly #budget: ReturnType<typeof multipartBudgetOf>

  /**
   * @param type - the ZeroMQ socket type, as sent in `Socket-Type`
   * @param options - the application's options
   * @param overrides - a socket type's own defaults (SUB and XSUB do not linger)
   */
  constructor(
    readonly type: SocketType,
    options: SocketOptions = {},
    overrides: Partial<typeof defaultOptions> = {},
  ) {
    this.events = this.#events
    this.#options = resolveOptions(options, overrides)
    // Made now so that bad keys or missing options fail here, not at the first bind or connect.
    mechanismOf(this.#options)
    this.#budget = multipartBudgetOf(this.#options)
    this.#host = this.#makeHost()
  }

  static {
    // One accessor per option name, reading and writing the resolved options, so an option is declared
    // once (in SocketOptions) and what a setter writes is what connecters and new pipes read.
    for (const name of settingNames) {
      Object.defineProperty(Socket.prototype, name, {
        get(this: Socket) {
          return this.#options[name]
        },
        set(this: Socket, value: unknown) {
          checkOption(name, value)
          this.warnIfLate(name)
          ;(this.#options as Record<typeof name, unknown>)[name] = value
          if (name === 'sendHighWaterMark' || name === 'receiveHighWaterMark') this.#applyHighWaterMarks()
          if (name === 'maxIncompleteBytes') this.#budget.limit = budgetLimit(value as number)
        },
        enumerable: true,
        configurable: true,
      })
    }
  }

  /** {@inheritDoc SocketOptions.routingId} */
  get routingId(): Uint8Array | undefined {
    return this.#options.routingId
  }

  set routingId(value: string | Uint8Array | undefined) {
    this.#options.routingId = toRoutingId(value ?? undefined)
    this.warnIfLate('routingId')
  }

  /** The endpoints this socket is bound to (as given to `bind()`) and connected to, in that order. */
  get endpoints(): string[] {
    const bound = new Set(this.#bindings.values())
    const given = [...this.#bindings].filter(([, binding]) => bound.delete(binding)).map(([key]) => key)
    return [...given, ...this.#connecters.keys()]
  }

  /** The mechanism the options select: `'plain'`, `'curve'`... or null for NULL (ZMQ_MECHANISM). */
  get securityMechanism(): string | null {
    return mechanismNameOf(this.#options)
  }

  /** True once the socket is closed (a `close()` during a pending bind takes effect when it settles). */
  get closed(): boolean {
    return this.#closed
  }

  /**
   * Whether `receive()` would complete at once: a message is waiting (ZMQ_POLLIN, zeromq.js's
   * `readable`). Always false for socket types that cannot receive and for a closed socket.
   */
  get readable(): boolean {
    return !this.#closed && this.#receivers.ready
  }

  /**
   * Whether `send()` would complete at once (ZMQ_POLLOUT, zeromq.js's `writable`). Always false for
   * socket types that cannot send and for a closed socket.
   */
  get writable(): boolean {
    return !this.#closed && this.canSend()
  }

  /**
   * Listens on `endpoint` (`tcp://127.0.0.1:*`, `ipc:///tmp/x`, `inproc://name`, `ws://127.0.0.1:8080/path`...).
   * Resolves once listening; `lastEndpoint` then holds the real address.
   */
  async bind(endpoint: string): Promise<void> {
    this.#assertOpen()
    await this.#whileBinding(() => this.#bind(endpoint))
  }

  async #bind(endpoint: string): Promise<void> {
    try {
      const target = resolveEndpoint(endpoint, this.#options.transports, 'bind')
      let bound: string
      if (target.inproc !== undefined) {
        this.#bindings.set(endpoint, bindInproc(target.inproc, this.#host))
        bound = `inproc://${target.inproc}`
      } else {
        const acceptor = await Acceptor.listen(this.#host, target.transport, target.endpoint, endpoint)
        if (this.#closed) {
          await acceptor.close()
          throw new SocketError(ErrorCode.Closed, 'socket closed while binding')
        }
        bound = acceptor.endpoint
        this.#bindings.set(endpoint, acceptor).set(bound, acceptor)
      }
      this.lastEndpoint = bound
      this.#events.dispatch({ type: 'bind', address: bound })
    } catch (error) {
      // A malformed URL is the caller's mistake, reported by the throw alone.
      if (!(error instanceof EndpointError)) {
        this.#events.dispatch({ type: 'bind:error', address: endpoint, error: error as Error })
      }
      throw error
    }
  }

  /** Stops listening on an endpoint given to `bind()` (or its resolved `lastEndpoint`). */
  async unbind(endpoint: string): Promise<void> {
    this.#assertOpen()
    // Settles after the caller's turn even when it fails at once, so a close() right after waits for it.
    await this.#whileBinding(() => Promise.resolve().then(() => this.#unbind(endpoint)))
  }

  async #unbind(endpoint: string): Promise<void> {
    const binding = this.#bindings.get(endpoint)
    if (!binding) {
      checkEndpointSyntax(endpoint, this.#options.transports, 'bind')
      throw new SocketError(ErrorCode.NoSuchEndpoint, `not bound to ${endpoint}`, { address: endpoint })
    }
    for (const [key, value] of this.#bindings) if (value === binding) this.#bindings.delete(key)
    await binding.close(endpoint)
  }

  /**
   * Connects to `endpoint` and returns at once: the connection is made, and remade after failures, in
   * the background. Messages sent meanwhile wait in the queue for that peer (unless `immediate`).
   */
  connect(endpoint: string): void {
    this.#assertOpen()
    const target = resolveEndpoint(endpoint, this.#options.transports, 'connect')
    let outgoing: Outgoing
    if (target.inproc !== undefined) {
      outgoing = connectInproc(target.inproc, this.#host, endpoint)
    } else {
      const connecter = new Connecter(this.#host, endpoint, target.endpoint, target.transport)
      connecter.start()
      outgoing = connecter
    }
    const list = this.#connecters.get(endpoint) ?? []
    list.push(outgoing)
    this.#connecters.set(endpoint, list)
  }

  /** Stops connecting to `endpoint` and closes its connection. */
  disconnect(endpoint: string): void {
    this.#assertOpen()
    const connecters = this.#connecters.get(endpoint)
    if (!connecters) {
      checkEndpointSyntax(endpoint, this.#options.transports, 'connect')
      throw new SocketError(ErrorCode.NoSuchEndpoint, `not connected to ${endpoint}`, { address: endpoint })
    }
    this.#connecters.delete(endpoint)
    for (const connecter of connecters) connecter.stop(0)
  }

  /**
   * Closes the socket: listeners stop, connections close once their queued messages have left (within
   * `linger`), and pending `send()`/`receive()` calls reject with ETERM. Monitor events end with `end`.
   */
  close(): void {
    if (this.#closed) return
    // libzmq cannot close under a running bind: zeromq.js closes once it settles, and so do we.
    this.#closeWhenSettled = this.#pendingBinds > 0
    if (this.#closeWhenSettled) return
    this.#closed = true
    this.#unregisterExit?.()
    const closed = new SocketError(ErrorCode.Closed, 'socket closed')
    this.#senders.rejectAll(closed)
    this.#receivers.close(closed)
    const bindings = new Set(this.#bindings.values())
    this.#bindings.clear()
    for (const binding of bindings) {
      void binding.close()
      // Reported now: the listener closes in the background, after `end`.
      if (binding instanceof Acceptor) this.#events.dispatch({ type: 'close', address: binding.endpoint })
    }
    const linger = this.#options.linger
    for (const connecters of this.#connecters.values()) for (const c of connecters) c.stop(linger)
    this.#connecters.clear()
    // With linger, each session closes its pipe once the queue has left; without, drop everything now.
    if (linger === 0) for (const pipe of this.#pipes) pipe.terminate()
    this.onClose()
    this.#events.dispatch({ type: 'end' })
  }

  // --- for socket types: the routing strategy, and hooks named as the pipe events ----------------------

  /** Sends now if the routing strategy can; returns false to wait. May throw to reject at once. */
  protected abstract trySend(message: Message): boolean
  /** Receives now if a message is ready. May throw to reject at once (EFSM). */
  protected abstract tryReceive(): Message | undefined
  /** A pipe joins the socket (at `connect()`, or when an accepted peer finishes its handshake). */
  protected abstract attached(pipe: Pipe): void
  /** A pipe leaves for good (libzmq's pipe_terminated). */
  protected abstract terminated(pipe: Pipe): void
  /** A pipe's peer finished a handshake (also after every reconnect). */
  protected connected(_pipe: Pipe): void {}
  /** A peer sent a SUBSCRIBE or CANCEL command. */
  protected subscription(_pipe: Pipe, _subscribe: boolean, _topic: Uint8Array): void {}
  /** A message arrived while `receive()` waits and nothing is queued: what `tryReceive` would return
   * for it (with its effects), handed straight to the caller, or undefined to queue it (the default). */
  protected receiveDirect(_pipe: Pipe, _message: Message): Message | undefined {
    return undefined
  }
  /** A pipe has received messages. By default, waiting receivers are served. */
  protected readActivated(_pipe: Pipe): void {
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
  /**
   * Warns (Node's `process.emitWarning`, else `console.warn`) when option `name` is set on a socket that
   * is bound, binding or connected and the option only applies to later connections, as zeromq.js warns.
   * Socket types call it from their own option setters.
   */
  protected warnIfLate(name: string): void {
    const live = this.#bindings.size > 0 || this.#connecters.size > 0 || this.#pendingBinds > 0
    if (live) warnLateOption(name)
  }

  /** Whether a send would complete now; by default, when some pipe has room (socket types refine it). */
  protected canSend(): boolean {
    for (const pipe of this.#pipes) if (pipe.writable) return true
    return false
  }

  /**
   * The shared send path: at once when nobody waits ahead and the routing strategy takes the message,
   * else queued in call order behind earlier waiting sends. `send()` is this very function (see
   * capabilities.ts).
   */
  protected sendMessage(message: MessageLike): Promise<void> {
    if (this.#closed) return Promise.reject(new SocketError(ErrorCode.Closed, 'socket closed'))
    try {
      // toMessage's first case, written out: this runs per send.
      const frames = message instanceof Uint8Array ? [message] : toMessage(message)
      return this.#senders.send(frames, this.#options.sendTimeout)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /** The shared receive path: concurrent calls are served in call order. `receive()` is this function. */
  protected receiveMessage(): Promise<Message> {
    if (this.#closed) return Promise.reject(new SocketError(ErrorCode.Closed, 'socket closed'))
    return this.#receivers.request(this.#options.receiveTimeout)
  }

  /** Retries waiting sends in order after a pipe became writable or joined. */
  protected serveSenders(): void {
    this.#senders.serve()
  }

  /** Hands received messages to waiting receivers in order. */
  protected serveReceivers(): void {
    this.#receivers.serve()
  }

  /** Whether callers wait in `receive()`. */
  protected get hasReceivers(): boolean {
    return this.#receivers.waiting
  }

  /** Every pipe currently attached. */
  protected get pipes(): ReadonlySet<Pipe> {
    return this.#pipes
  }

  // --- internal -----------------------------------------------------------------------------------

  #makeHost(): SocketHost & PipeEvents {
    const socket = this
    return {
      type: this.type,
      options: this.#options,
      multipartBudget: this.#budget,
      get closed() {
        return socket.#closed
      },
      addPipe: (address) => {
        const options = this.#options
        const pipe = new Pipe(this.#host, options.sendHighWaterMark, options.receiveHighWaterMark, address)
        pipe.conflate = options.conflate
        if (this.#closed) {
          pipe.terminate()
          return pipe
        }
        this.#pipes.add(pipe)
        this.#unregisterExit ??= flushQueuedAtExit({ socket: this, options, pipes: this.#pipes })
        this.attached(pipe)
        this.serveSenders()
        return pipe
      },
      acceptsPeer: (peer, pipe = null) => !this.#closed && this.accepts(peer, pipe),
      emit: (event) => this.#events.dispatch(event),
      readActivated: (pipe) => this.readActivated(pipe),
      // Nobody waits in a closed socket's receive(), so the receivers refuse every hand-off by then.
      handOff: this.#receivers.handOff,
      writeActivated: () => this.serveSenders(),
      subscription: (pipe, subscribe, topic) => this.subscription(pipe, subscribe, topic),
      connected: (pipe) => {
        this.connected(pipe)
        this.serveSenders()
      },
      terminated: (pipe) => {
        if (this.#pipes.delete(pipe)) this.terminated(pipe)
      },
    }
  }

  /** High-water marks set after connect apply to the pipes that exist, as in libzmq 4.2+. */
  #applyHighWaterMarks(): void {
    const { sendHighWaterMark, receiveHighWaterMark } = this.#options
    for (const pipe of this.#pipes) pipe.setHighWaterMarks(sendHighWaterMark, receiveHighWaterMark)
  }

  /** Runs a bind or unbind; a `close()` meanwhile waits for it, as zeromq.js closes after it settles. */
  async #whileBinding(operation: () => Promise<void>): Promise<void> {
    this.#pendingBinds++
    try {
      await operation()
    } finally {
      if (--this.#pendingBinds === 0 && this.#closeWhenSettled) this.close()
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new SocketError(ErrorCode.Closed, 'socket closed')
  }
}
