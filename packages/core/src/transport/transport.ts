import type { Endpoint, EndpointUse } from '../endpoint/endpoint.js'

/**
 * The contract between sockets and transports. A transport package (`@zmtp/transport-tcp`,
 * `@zmtp/transport-ws`, ...) implements {@link Transport}; sockets find one by the URL's scheme
 * ({@link resolveTransport}). Core itself imports no transport and knows no scheme: each transport parses
 * and prints its own endpoints, so a new transport needs no release of core.
 *
 * `E` is the shape of the transport's endpoints. `listen` and `dial` are only given endpoints its own
 * `parse` returned, but should still refuse others (`ERR_NO_TRANSPORT`), since anyone may call them.
 */
export interface Transport<E extends Endpoint = Endpoint> {
  /** A short name for logs and errors, such as `"tcp"`. */
  readonly name: string
  /** URL schemes served, without `://`, such as `["tcp", "ipc"]`. */
  readonly protocols: readonly string[]
  /**
   * Parses a URL whose scheme is one of `protocols`. With `use`, it also refuses what can never work for
   * that use, such as a wildcard host or port to connect to. Synchronous, so `connect()` fails at once.
   *
   * @throws {@link EndpointError} (`ERR_INVALID_ENDPOINT`) naming what is wrong with the URL.
   */
  parse(url: string, use?: EndpointUse): E
  /** Prints an endpoint as a URL; `parse(format(endpoint))` deep-equals `endpoint`. */
  format(endpoint: E): string
  /** Starts listening; resolves once the address is bound. */
  listen(endpoint: E, options: ListenOptions): Promise<Listener>
  /** Opens one outgoing connection; rejects with a typed error, or an `AbortError` when `signal` aborts. */
  dial(endpoint: E, options: DialOptions): Promise<Connection>
}

/** What a socket tells a transport when it binds or connects. */
export interface TransportOptions {
  /** The security mechanism the socket uses (`NULL`, `PLAIN`, `CURVE`); message transports negotiate it. */
  mechanism: string
  /** ZMQ_MAXMSGSIZE in octets, or undefined for no limit; message transports cap their payloads with it. */
  maxMessageSize?: number
  /**
   * ZMQ_HEARTBEAT_IVL in ms (0 or undefined: off). A transport with a keep-alive of its own (WebSocket
   * ping/pong) uses it and marks its connections with `transportHeartbeats`.
   */
  heartbeatInterval?: number
  /** ZMQ_HEARTBEAT_TIMEOUT in ms: how long to wait for the answer to a keep-alive (default: the interval). */
  heartbeatTimeout?: number
  /** Transport-specific settings, passed through from the socket's `transportOptions`. */
  extra?: Readonly<Record<string, unknown>>
  /**
   * True: what this listen or dial opens (the listener, each connection, a dial in progress, their
   * timers) does not keep the process alive by itself (Node's `unref()`), so that a program whose
   * sockets are idle exits. The caller then keeps the process alive while it waits for something, as
   * `@zmtp/patterns` sockets do while a send, receive or bind is pending. Default false. Transports
   * and runtimes without such handles (browsers) ignore it.
   */
  unref?: boolean
}

export interface ListenOptions extends TransportOptions {
  /** Called for every accepted connection. */
  onConnection(connection: Connection): void
  /** Called when accepting fails after the listener is up (the listener keeps going if it can). */
  onError?(error: Error): void
}

export interface DialOptions extends TransportOptions {
  signal?: AbortSignal
}

export interface Listener {
  /** The bound endpoint as a URL, with the real port when an ephemeral one was asked for. */
  readonly endpoint: string
  /** Stops accepting. Connections already accepted stay open. */
  close(): Promise<void>
}

/** Events every connection emits. */
export type ConnectionEvents = {
  /**
   * Bytes (stream) or one whole message (message connection). The chunk then belongs to the receiver:
   * the transport must not reuse its memory, so that frames can be handed on as views without copying.
   */
  data: (chunk: Uint8Array) => void
  /** Writing may continue after `write` returned false. */
  drain: () => void
  /** The connection is gone; `error` says why when it did not end cleanly. Emitted once. */
  close: (error?: Error) => void
}

/**
 * {@link ConnectionEvents} as a mapped type, which `Emitter` can take (it wants an index signature, which
 * an interface lacks). Connections extend `Emitter<ConnectionEventMap>`.
 */
export type ConnectionEventMap = { [K in keyof ConnectionEvents]: ConnectionEvents[K] }

interface ConnectionBase {
  /** Where the peer is, as an endpoint URL (`tcp://127.0.0.1:5555`). */
  readonly remoteAddress: string
  /** Our side of the connection, when the transport knows it. */
  readonly localAddress?: string
  /**
   * The ZMTP heartbeat interval in ms this connection should get when its socket sets none
   * (`heartbeatInterval` 0): a transport whose peers can vanish without a close (WebRTC) asks for one.
   */
  readonly defaultHeartbeatInterval?: number
  /**
   * Writes one chunk (stream) or one message (message connection). Returns false when the transport's
   * buffer is full: stop writing until `drain`.
   */
  write(chunk: Uint8Array): boolean
  /** Writes several chunks or messages at once, ideally in one system call. Same return as `write`. */
  writev(chunks: readonly Uint8Array[]): boolean
  /** Stops emitting `data` (the receiver's queue is full); the kernel applies backpressure to the peer. */
  pause(): void
  resume(): void
  /** Flushes what was written, then closes. */
  close(): void
  /** Closes at once, dropping unsent data. */
  destroy(error?: Error): void
  on<K extends keyof ConnectionEvents>(event: K, listener: ConnectionEvents[K]): unknown
  off<K extends keyof ConnectionEvents>(event: K, listener: ConnectionEvents[K]): unknown
}

/** A reliable, ordered byte stream: TCP, IPC, a WebRTC data channel carrying ZMTP bytes. */
export interface StreamConnection extends ConnectionBase {
  readonly kind: 'stream'
  /**
   * Optional: lets the receiver advise each read, to spare copies. Before each read the connection calls
   * `target`. A view: the read goes into that memory, and the `data` event carries the filled start of
   * the same view. A number: read up to that many octets at once into the transport's own memory, in one
   * piece (the receiver chooses it so that reads end where frames end; a few octets: the header of a
   * frame too large for one read, whose body it then offers as a view).
   * Undefined: the transport's own choice. Transports that cannot read into given memory leave this out.
   */
  readInto?(target: () => Uint8Array | number | undefined): void
}

/**
 * A reliable, ordered channel of whole messages: WebSocket with ZWS 2.0, where each message is one
 * ZMTP frame (`[flags][body]`) and there is no greeting.
 */
export interface MessageConnection extends ConnectionBase {
  readonly kind: 'message'
  /**
   * The negotiated ZWS subprotocol: `ZWS2.0/NULL` (or our token-safe alias `ZWS2.0-NULL`) runs the
   * mechanism handshake; plain `ZWS2.0` exchanges routing ids only.
   */
  readonly subprotocol: string
  /**
   * True when the engine must not send ZMTP PINGs on this connection: the transport keeps it alive itself
   * (WebSocket ping/pong), or the peer would not understand them (libzmq drops PING commands over ws).
   */
  readonly transportHeartbeats?: boolean
}

export type Connection = StreamConnection | MessageConnection
