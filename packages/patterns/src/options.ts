import { ErrorCode, type Mechanism, SocketError, type Transport, toBytes } from '@zmtp/core'
import { type SecurityOptions, securityOptionNames } from './security/security-options.js'

/**
 * Options every socket takes, as constructor fields and as properties. Names follow zeromq.js 6; each
 * says which libzmq option it mirrors. Times are in milliseconds.
 */
export interface SocketOptions extends SecurityOptions {
  /** Transports this socket may use, found by URL scheme before the process-wide registry. */
  transports?: Transport[]
  /** Most messages queued per peer for sending (ZMQ_SNDHWM, default 1000; 0 = no limit). */
  sendHighWaterMark?: number
  /** Most messages queued per peer after receiving (ZMQ_RCVHWM, default 1000; 0 = no limit). */
  receiveHighWaterMark?: number
  /** How long `close()` lets queued messages leave (ZMQ_LINGER; -1 = until sent, the default; 0 = drop). */
  linger?: number
  /** How long `send()` may wait at the high-water mark before rejecting with EAGAIN (ZMQ_SNDTIMEO; -1 = forever). */
  sendTimeout?: number
  /** How long `receive()` may wait before rejecting with EAGAIN (ZMQ_RCVTIMEO; -1 = forever). */
  receiveTimeout?: number
  /** Wait before reconnecting (ZMQ_RECONNECT_IVL, default 100; -1 = never reconnect). */
  reconnectInterval?: number
  /** Upper bound of exponential reconnect backoff (ZMQ_RECONNECT_IVL_MAX; 0 = no backoff, jitter instead). */
  reconnectMaxInterval?: number
  /** Time allowed for the ZMTP handshake (ZMQ_HANDSHAKE_IVL, default 30000; 0 = no limit). */
  handshakeInterval?: number
  /** Send a heartbeat PING this often (ZMQ_HEARTBEAT_IVL; 0 = off, the default). */
  heartbeatInterval?: number
  /** Silence after which the peer should drop us, sent in our PINGs (ZMQ_HEARTBEAT_TTL; 0 = none). */
  heartbeatTimeToLive?: number
  /** Close a connection that is silent this long after a PING (ZMQ_HEARTBEAT_TIMEOUT; -1 = the interval). */
  heartbeatTimeout?: number
  /** Largest frame accepted from a peer, in octets (ZMQ_MAXMSGSIZE; -1 = no limit). Checked per frame. */
  maxMessageSize?: number
  /**
   * Most bytes that incomplete multipart messages (sent up to, not including, their last part) may hold,
   * counted over all peers of the socket together, each part at its size plus about 160 bytes of
   * bookkeeping. A peer whose part would pass it is disconnected (`ERR_LIMIT_EXCEEDED`). No libzmq
   * counterpart: it keeps many peers sending endless MORE frames from exhausting memory. Default 128 MiB;
   * -1 = no limit.
   */
  maxIncompleteBytes?: number
  /** This socket's routing id, sent to peers as `Identity` (ZMQ_ROUTING_ID; 1 to 255 octets). */
  routingId?: string | Uint8Array
  /** Queue messages only for peers whose handshake is done (ZMQ_IMMEDIATE, default false). */
  immediate?: boolean
  /** Keep only the last message in each queue (ZMQ_CONFLATE; single-part messages only). */
  conflate?: boolean
  /**
   * A security mechanism object, used as it is (NULL when not given): the low-level escape hatch; the
   * `plain*`, `curve*` and `zap*` options are the usual way.
   */
  mechanism?: Mechanism
}

/** The options that have a default, as libzmq's. */
type DefaultedOption = Exclude<
  keyof SocketOptions,
  'transports' | 'mechanism' | 'routingId' | keyof SecurityOptions
>

/** The option values a socket starts with, as libzmq's defaults. */
export const defaultOptions: Readonly<Required<Pick<SocketOptions, DefaultedOption>>> = {
  sendHighWaterMark: 1000,
  receiveHighWaterMark: 1000,
  linger: -1,
  sendTimeout: -1,
  receiveTimeout: -1,
  reconnectInterval: 100,
  reconnectMaxInterval: 0,
  handshakeInterval: 30_000,
  heartbeatInterval: 0,
  heartbeatTimeToLive: 0,
  heartbeatTimeout: -1,
  maxMessageSize: -1,
  maxIncompleteBytes: 128 * 1024 * 1024,
  immediate: false,
  conflate: false,
}

/** Options a socket exposes as read-write properties of the same name and type (routingId has its own). */
export type SocketSettings = Required<
  Omit<SocketOptions, 'mechanism' | 'routingId' | keyof SecurityOptions>
> &
  Pick<SocketOptions, 'mechanism' | keyof SecurityOptions>

/** Every option with its value settled: a socket holds one of these and its properties write through to it. */
export interface ResolvedOptions extends SocketSettings {
  routingId: Uint8Array | undefined
}

/** The names of {@link SocketSettings}, for the socket's property accessors. */
export const settingNames: readonly (keyof SocketSettings)[] = [
  ...(Object.keys(defaultOptions) as DefaultedOption[]),
  'transports',
  'mechanism',
  ...securityOptionNames,
]

/**
 * An option given a value of the wrong type, at construction or assignment. A `TypeError` (as
 * zeromq.js throws) with the stable code EINVAL and the option's name.
 */
export class InvalidOptionError extends TypeError {
  override name = 'InvalidOptionError'
  readonly code = ErrorCode.InvalidArgument

  constructor(
    /** The option's name. */
    readonly option: string,
    expected: 'number' | 'boolean',
    value: unknown,
  ) {
    super(`Option value must be a ${expected}: ${option} cannot be ${describe(value)}`)
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : `${String(value)} (${typeof value})`
}

/** Throws {@link InvalidOptionError} unless `value` has the type of the option's default. */
export function checkOption(name: string, value: unknown): void {
  const expected = typeof (defaultOptions as Record<string, unknown>)[name]
  if (expected !== 'number' && expected !== 'boolean') return
  if (typeof value !== expected) throw new InvalidOptionError(name, expected, value)
}

/**
 * Options that take effect at once when set on a socket that is already bound or connected (as in
 * libzmq 4.2 and later, and zeromq.js); any other option set then applies only to later connections,
 * and setting it emits a warning.
 */
export const immediateOptions: ReadonlySet<string> = new Set([
  'linger',
  'sendHighWaterMark',
  'receiveHighWaterMark',
  'sendTimeout',
  'receiveTimeout',
  'mandatory',
  'probeRouter',
  'handover',
  'verbose',
  'verboser',
  'verbosity',
  'correlate',
  'relaxed',
  'manual',
  'noDrop',
  'welcomeMessage',
])

/**
 * Warns (Node's `process.emitWarning`, else `console.warn`) that option `name`, set on a bound or
 * connected socket, only applies to later connections, unless it is one of {@link immediateOptions}.
 */
export function warnLateOption(name: string): void {
  if (immediateOptions.has(name)) return
  const message = 'Socket option will not take effect until next connect/bind.'
  const node = (globalThis as { process?: { emitWarning?: (message: string) => void } }).process
  if (typeof node?.emitWarning === 'function') node.emitWarning(message)
  else console.warn(message)
}

/** Settles `options` over a socket type's `overrides` over the defaults; validates the routing id. */
export function resolveOptions(
  options: SocketOptions,
  overrides: Partial<typeof defaultOptions> = {},
): ResolvedOptions {
  const resolved: ResolvedOptions = {
    ...defaultOptions,
    ...overrides,
    transports: options.transports ?? [],
    mechanism: options.mechanism,
    routingId: toRoutingId(options.routingId),
  }
  const writable = resolved as unknown as Record<DefaultedOption, unknown>
  for (const name of Object.keys(defaultOptions) as DefaultedOption[]) {
    if (options[name] === undefined) continue
    checkOption(name, options[name])
    writable[name] = options[name]
  }
  const security = resolved as Record<keyof SecurityOptions, unknown>
  for (const name of securityOptionNames) if (options[name] !== undefined) security[name] = options[name]
  return resolved
}

/** A routing id as bytes, checked for libzmq's 1 to 255 octets; undefined stays undefined. */
export function toRoutingId(value: string | Uint8Array | undefined): Uint8Array | undefined {
  if (value === undefined) return undefined
  const bytes = toBytes(value)
  if (bytes.length < 1 || bytes.length > 255) {
    throw new SocketError(ErrorCode.InvalidArgument, 'routingId must be 1 to 255 octets')
  }
  return bytes
}
