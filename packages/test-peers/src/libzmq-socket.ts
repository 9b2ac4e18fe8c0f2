import type { MonitorEvent, MonitorEventName } from './monitor.js'
import {
  decodeOption,
  encodeOption,
  type Frame,
  fromBase64,
  type OptionValue,
  type Requester,
  toBase64,
} from './wire.js'

/** libzmq socket types, by their zmq constant name. */
export type LibzmqSocketType =
  | 'PAIR'
  | 'PUB'
  | 'SUB'
  | 'REQ'
  | 'REP'
  | 'DEALER'
  | 'ROUTER'
  | 'PULL'
  | 'PUSH'
  | 'XPUB'
  | 'XSUB'
  | 'STREAM'

/** Options the interop tests use; any other pyzmq `zmq.SocketOption` name is accepted too. */
export type LibzmqOptionName =
  | 'ROUTING_ID'
  | 'SUBSCRIBE'
  | 'UNSUBSCRIBE'
  | 'HEARTBEAT_IVL'
  | 'HEARTBEAT_TTL'
  | 'HEARTBEAT_TIMEOUT'
  | 'HANDSHAKE_IVL'
  | 'SNDHWM'
  | 'RCVHWM'
  | 'LINGER'
  | 'ROUTER_MANDATORY'
  | 'ROUTER_HANDOVER'
  | 'XPUB_VERBOSE'
  | 'XPUB_VERBOSER'
  | 'XPUB_MANUAL'
  | 'XPUB_WELCOME_MSG'
  | 'REQ_CORRELATE'
  | 'REQ_RELAXED'
  | 'RECONNECT_IVL'
  | 'MAXMSGSIZE'
  | 'IMMEDIATE'
  | 'PROBE_ROUTER'
  | 'CONFLATE'
  | 'SNDTIMEO'
  | 'RCVTIMEO'
  | 'LAST_ENDPOINT'
  | (string & {})

/** A wait bound in milliseconds; a negative value waits forever. */
export interface TimeoutOptions {
  /** Milliseconds before the operation fails with errno `EAGAIN` (default 5000). */
  timeout?: number
}

const DEFAULT_TIMEOUT = 5000

/**
 * One real libzmq socket living in the peer process. Every method is a round trip to the peer, and
 * failures reject with a {@link LibzmqError} carrying libzmq's errno name.
 */
export class LibzmqSocket {
  /** @internal Created by {@link LibzmqPeer.socket}. */
  constructor(
    private readonly peer: Requester,
    /** The peer's number for this socket. */
    readonly handle: number,
    /** The socket type it was created with. */
    readonly type: LibzmqSocketType,
  ) {}

  /** Sets a socket option by its pyzmq constant name; strings are sent as UTF-8 bytes. */
  async setOption(name: LibzmqOptionName, value: OptionValue): Promise<void> {
    await this.call('setsockopt', { option: name, value: encodeOption(value) })
  }

  /** Reads a socket option: a number, bytes, or a string for `LAST_ENDPOINT`. */
  async getOption(name: LibzmqOptionName): Promise<OptionValue> {
    return decodeOption(await this.call('getsockopt', { option: name }))
  }

  /** Binds and resolves with the real endpoint, so `tcp://127.0.0.1:*` tells the chosen port. */
  async bind(endpoint: string): Promise<string> {
    return (await this.call('bind', { endpoint })) as string
  }

  /** Connects to `endpoint` (libzmq connects in the background; watch monitor events to know when). */
  async connect(endpoint: string): Promise<void> {
    await this.call('connect', { endpoint })
  }

  /** Stops listening on an endpoint given exactly as {@link bind} returned it. */
  async unbind(endpoint: string): Promise<void> {
    await this.call('unbind', { endpoint })
  }

  /** Drops the connection to `endpoint`. */
  async disconnect(endpoint: string): Promise<void> {
    await this.call('disconnect', { endpoint })
  }

  /**
   * Sends one multipart message. Rejects with `EAGAIN` when it cannot be queued within the timeout
   * (no peer, or high-water mark), `EHOSTUNREACH` for an unknown routing id under `ROUTER_MANDATORY`,
   * and `EFSM` when a REQ/REP socket is in the wrong state.
   */
  async send(frames: Frame[], { timeout = DEFAULT_TIMEOUT }: TimeoutOptions = {}): Promise<void> {
    await this.call('send', { frames: frames.map(toBase64), timeout_ms: timeout }, timeout)
  }

  /** Receives one multipart message, or rejects with `EAGAIN` when none arrives within the timeout. */
  async receive({ timeout = DEFAULT_TIMEOUT }: TimeoutOptions = {}): Promise<Uint8Array[]> {
    const frames = (await this.call('recv', { timeout_ms: timeout }, timeout)) as string[]
    return frames.map(fromBase64)
  }

  /** Starts recording this socket's monitor events. Call it before bind/connect to miss nothing. */
  async monitor(): Promise<void> {
    await this.call('monitor', {})
  }

  /** Returns and forgets the monitor events recorded so far, oldest first. */
  async events(): Promise<MonitorEvent[]> {
    return (await this.call('events', {})) as MonitorEvent[]
  }

  /**
   * Resolves with the oldest recorded event named `name`, waiting for one if none is recorded yet,
   * and removes it from the record (other events stay for {@link events}). Rejects with `EAGAIN` on
   * timeout.
   */
  async waitEvent(
    name: MonitorEventName,
    { timeout = DEFAULT_TIMEOUT }: TimeoutOptions = {},
  ): Promise<MonitorEvent> {
    return (await this.call('wait_event', { event: name, timeout_ms: timeout }, timeout)) as MonitorEvent
  }

  /**
   * Closes the socket with the given linger in milliseconds (default 0: drop unsent messages). Pending
   * sends and receives on it reject with `ENOTSOCK`.
   */
  async close({ linger = 0 }: { linger?: number } = {}): Promise<void> {
    await this.call('close', { linger })
  }

  private call(op: string, params: Record<string, unknown>, waitMs = 0): Promise<unknown> {
    return this.peer.request(
      op,
      { ...params, handle: this.handle },
      waitMs < 0 ? Number.POSITIVE_INFINITY : waitMs,
    )
  }
}
