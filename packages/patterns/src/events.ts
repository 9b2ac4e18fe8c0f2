/**
 * A socket's monitor events, as zeromq.js names them (libzmq's ZMQ_EVENT_* in brackets). Each kind has
 * its own shape, keyed by `type`; the fields another kind has are declared absent (`?: undefined`), so
 * code that handles any event may still read `event.address` or `event.error`.
 */

/** An event about an endpoint that carries nothing else. */
export interface EndpointEvent<T extends string> {
  readonly type: T
  /** The endpoint concerned: the bound or connected one (for accepted connections, the bound one, as libzmq reports). */
  readonly address: string
  readonly interval?: undefined
  readonly error?: undefined
}

/** Something failed at an endpoint; `error` says what. */
export interface EndpointErrorEvent<T extends string> {
  readonly type: T
  /** The endpoint concerned. */
  readonly address: string
  readonly interval?: undefined
  readonly error: Error
}

/** An established connection closed, for the reason in `error` when there was one. */
export interface DisconnectEvent {
  readonly type: 'disconnect'
  readonly address: string
  readonly interval?: undefined
  readonly error?: Error
}

/**
 * A connection's handshake finished: messages may flow. It says what the peer proved: for a PLAIN or
 * CURVE server, the user id and metadata its ZAP handler gave the peer.
 */
export interface HandshakeEvent {
  readonly type: 'handshake'
  readonly address: string
  readonly interval?: undefined
  readonly error?: undefined
  /** The mechanism the connection ran: `NULL`, `PLAIN` or `CURVE` (`NULL` for inproc, which runs none). */
  readonly mechanism: string
  /** The identity the ZAP handler established for the peer (ZMQ_MSG_PROPERTY "User-Id"), if any. */
  readonly userId?: string
  /** The peer's properties, the ZAP handler's metadata merged over them (the handler's win). */
  readonly properties: ReadonlyMap<string, Uint8Array>
}

/** A connection attempt will be made again after `interval` ms. */
export interface ConnectDelayEvent {
  readonly type: 'connect:delay'
  readonly address: string
  /** The wait before the next attempt, in ms. */
  readonly interval: number
  /** Why the last attempt or connection ended, when it failed. */
  readonly error?: Error
}

/** A connection attempt is being retried after `interval` ms. */
export interface ConnectRetryEvent {
  readonly type: 'connect:retry'
  readonly address: string
  /** The wait that preceded this attempt, in ms. */
  readonly interval: number
  readonly error?: undefined
}

/** The socket closed; no more events follow. */
export interface EndEvent {
  readonly type: 'end'
  readonly address?: undefined
  readonly interval?: undefined
  readonly error?: undefined
}

/** Every monitor event by name. */
export interface SocketEventMap {
  /** An incoming connection was accepted [ACCEPTED]. */
  accept: EndpointEvent<'accept'>
  /** Accepting a connection failed [ACCEPT_FAILED]. */
  'accept:error': EndpointErrorEvent<'accept:error'>
  /** The socket is listening on `address` [LISTENING]. */
  bind: EndpointEvent<'bind'>
  /** Binding failed [BIND_FAILED]. */
  'bind:error': EndpointErrorEvent<'bind:error'>
  /** A listener was closed [CLOSED]. */
  close: EndpointEvent<'close'>
  /** A connection was established to `address` [CONNECTED]. */
  connect: EndpointEvent<'connect'>
  /** A connection attempt failed; another follows after `interval` ms [CONNECT_DELAYED]. */
  'connect:delay': ConnectDelayEvent
  /** A connection attempt is being retried [CONNECT_RETRIED]. */
  'connect:retry': ConnectRetryEvent
  /** An established connection closed [DISCONNECTED]. */
  disconnect: DisconnectEvent
  /** The ZMTP handshake succeeded [HANDSHAKE_SUCCEEDED]. */
  handshake: HandshakeEvent
  /** The handshake failed on a protocol violation [HANDSHAKE_FAILED_PROTOCOL]. */
  'handshake:error:protocol': EndpointErrorEvent<'handshake:error:protocol'>
  /** The handshake failed authentication [HANDSHAKE_FAILED_AUTH]. */
  'handshake:error:auth': EndpointErrorEvent<'handshake:error:auth'>
  /** The handshake failed for another reason, such as a timeout [HANDSHAKE_FAILED_NO_DETAIL]. */
  'handshake:error:other': EndpointErrorEvent<'handshake:error:other'>
  /** The socket closed; no more events follow [MONITOR_STOPPED]. */
  end: EndEvent
}

/** Monitor event names. */
export type SocketEventType = keyof SocketEventMap

/** One monitor event: of kind `K`, or of any kind (a union discriminated by `type`). */
export type SocketEvent<K extends SocketEventType = SocketEventType> = SocketEventMap[K]

/** Listens to monitor events of kind `K`. */
export type SocketEventListener<K extends SocketEventType> = (event: SocketEvent<K>) => void

/**
 * A socket's monitor events: listen with `on(type, listener)`, or iterate with
 * `for await (const event of socket.events)`, which ends when the socket closes. Browser-safe (no Node
 * `EventEmitter`).
 */
export interface SocketEvents extends AsyncIterable<SocketEvent> {
  /** Calls `listener` for every event of kind `type`. */
  on<K extends SocketEventType>(type: K, listener: SocketEventListener<K>): this
  /** Removes a listener added with `on` or `once`. */
  off<K extends SocketEventType>(type: K, listener: SocketEventListener<K>): this
  /** Calls `listener` for the next event of kind `type` only. */
  once<K extends SocketEventType>(type: K, listener: SocketEventListener<K>): this
  /** How many listeners `type` has. */
  /** The next event (events queue from the first call); rejects with ETERM after `end`. Not with `on()`. */
  receive(): Promise<SocketEvent>
  /** True once the events ended. */
  readonly closed: boolean
  listenerCount(type: SocketEventType): number
  /** Removes every listener of `type`, or of every kind when none is given. */
  removeAllListeners(type?: SocketEventType): this
  /** Iterates over events until the socket closes; an iterator that falls behind by 1000 loses the oldest. */
  [Symbol.asyncIterator](): AsyncIterator<SocketEvent>
}
