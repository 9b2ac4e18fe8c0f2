/**
 * zeromq.js's raw socket option accessors (`getInt32Option(19)`, `setStringOption(5, 'id')`...), which
 * address options by libzmq's number (zmq.h's `ZMQ_*`). Each number is mapped to the socket's named
 * property, so a raw accessor reads and writes exactly what the property does (same checks, same late
 * option warning). Numbers a socket does not have, accessors of the wrong width and reads of write-only
 * options fail with EINVAL "Invalid argument", as libzmq's `zmq_getsockopt`/`zmq_setsockopt` fail.
 */
import { type SocketType, utf8Decode, z85Encode } from '@zmtp/core'
import { presenting, ZeromqError } from './errors.js'
import { type OptionKind, rawNumber, readArguments } from './raw-values.js'
import { LIBZMQ_TYPE_NUMBERS } from './socket-numbers.js'

/** How one libzmq option number maps onto a socket. */
interface RawOption {
  /** The libzmq type of the option; decides which accessors may reach it. */
  readonly kind: OptionKind
  /** Whether this socket has the option. */
  has(socket: Target): boolean
  /** Its value in libzmq's terms; absent for write-only options. */
  read?(socket: Target): boolean | number | string | null
  /** Sets it from a value already converted for its kind; absent for read-only options. */
  write?(socket: Target, value: boolean | number | string | Uint8Array | null): void
}

type Target = Record<string, unknown>

type Access = 'rw' | 'r' | 'w'

/** An option that is the socket property `name`. */
function property(name: string, kind: OptionKind, access: Access = 'rw'): RawOption {
  return {
    kind,
    has: (socket) => name in socket,
    read: access === 'w' ? undefined : (socket) => fromProperty(name, kind, socket[name]),
    write:
      access === 'r'
        ? undefined
        : (socket, value) => {
            socket[name] = toProperty(name, kind, value)
          },
  }
}

/** An option computed from the socket, read-only. */
function computed(kind: OptionKind, read: (socket: Target) => number): RawOption {
  return { kind, has: () => true, read }
}

/** An option that calls one of the socket's methods with the value (ZMQ_SUBSCRIBE, ZMQ_UNSUBSCRIBE). */
function method(name: string): RawOption {
  return {
    kind: 'string',
    has: (socket) => typeof socket[name] === 'function',
    write: (socket, value) => {
      ;(socket[name] as (topic: unknown) => void).call(socket, value ?? '')
    },
  }
}

const curveKeys = new Set(['curvePublicKey', 'curveSecretKey', 'curveServerKey'])

/** A property's value as the raw getter of its kind returns it. */
function fromProperty(name: string, kind: OptionKind, value: unknown): boolean | number | string | null {
  if (kind === 'bool') return Boolean(value)
  if (kind === 'string') {
    if (value === undefined || value === null) return null
    // Binary CURVE keys read back in libzmq's text form; other bytes as UTF-8, as zeromq.js decodes them.
    if (!(value instanceof Uint8Array)) return String(value)
    return curveKeys.has(name) && value.length === 32 ? z85Encode(value) : utf8Decode(value)
  }
  return typeof value === 'boolean' ? Number(value) : (value as number)
}

/** A raw setter's value as the property `name` takes it. */
function toProperty(name: string, kind: OptionKind, value: unknown): unknown {
  if (kind === 'bool') return typeof value === 'number' ? value !== 0 : value
  if (kind !== 'string') return typeof value === 'boolean' ? Number(value) : value
  if (!(value instanceof Uint8Array)) return value
  // Routing ids are binary; a 32-byte CURVE key is the raw key. Other options are text.
  if (name === 'routingId' || (curveKeys.has(name) && value.length === 32)) return value
  return utf8Decode(value)
}

const mechanisms: Record<string, number> = { plain: 1, curve: 2, gssapi: 3 }

/** The options by libzmq number (zmq.h), with zeromq.js's name and type for each. */
const socketOptions: ReadonlyMap<number, RawOption> = new Map([
  [4, property('affinity', 'uint64')], // ZMQ_AFFINITY
  [5, property('routingId', 'string')], // ZMQ_ROUTING_ID
  [6, method('subscribe')], // ZMQ_SUBSCRIBE
  [7, method('unsubscribe')], // ZMQ_UNSUBSCRIBE
  [8, property('rate', 'int32')], // ZMQ_RATE
  [9, property('recoveryInterval', 'int32')], // ZMQ_RECOVERY_IVL
  [11, property('sendBufferSize', 'int32')], // ZMQ_SNDBUF
  [12, property('receiveBufferSize', 'int32')], // ZMQ_RCVBUF
  // ZMQ_EVENTS: ZMQ_POLLIN (1) and ZMQ_POLLOUT (2).
  [15, computed('int32', (socket) => (socket.readable ? 1 : 0) | (socket.writable ? 2 : 0))],
  [16, computed('int32', (socket) => LIBZMQ_TYPE_NUMBERS[socket.type as SocketType] ?? -1)], // ZMQ_TYPE
  [17, property('linger', 'int32')], // ZMQ_LINGER
  [18, property('reconnectInterval', 'int32')], // ZMQ_RECONNECT_IVL
  [19, property('backlog', 'int32')], // ZMQ_BACKLOG
  [21, property('reconnectMaxInterval', 'int32')], // ZMQ_RECONNECT_IVL_MAX
  [22, property('maxMessageSize', 'int64')], // ZMQ_MAXMSGSIZE
  [23, property('sendHighWaterMark', 'int32')], // ZMQ_SNDHWM
  [24, property('receiveHighWaterMark', 'int32')], // ZMQ_RCVHWM
  [25, property('multicastHops', 'int32')], // ZMQ_MULTICAST_HOPS
  [27, property('receiveTimeout', 'int32')], // ZMQ_RCVTIMEO
  [28, property('sendTimeout', 'int32')], // ZMQ_SNDTIMEO
  [32, property('lastEndpoint', 'string', 'r')], // ZMQ_LAST_ENDPOINT
  [33, property('mandatory', 'bool')], // ZMQ_ROUTER_MANDATORY
  [34, property('tcpKeepalive', 'int32')], // ZMQ_TCP_KEEPALIVE
  [35, property('tcpKeepaliveCount', 'int32')], // ZMQ_TCP_KEEPALIVE_CNT
  [36, property('tcpKeepaliveIdle', 'int32')], // ZMQ_TCP_KEEPALIVE_IDLE
  [37, property('tcpKeepaliveInterval', 'int32')], // ZMQ_TCP_KEEPALIVE_INTVL
  [38, property('tcpAcceptFilter', 'string')], // ZMQ_TCP_ACCEPT_FILTER
  [39, property('immediate', 'bool')], // ZMQ_IMMEDIATE
  [40, property('verbose', 'bool', 'w')], // ZMQ_XPUB_VERBOSE
  [42, property('ipv6', 'bool')], // ZMQ_IPV6
  // ZMQ_MECHANISM: ZMQ_NULL 0, ZMQ_PLAIN 1, ZMQ_CURVE 2, ZMQ_GSSAPI 3.
  [43, computed('int32', (socket) => mechanisms[socket.securityMechanism as string] ?? 0)],
  [44, property('plainServer', 'bool')], // ZMQ_PLAIN_SERVER
  [45, property('plainUsername', 'string')], // ZMQ_PLAIN_USERNAME
  [46, property('plainPassword', 'string')], // ZMQ_PLAIN_PASSWORD
  [47, property('curveServer', 'bool')], // ZMQ_CURVE_SERVER
  [48, property('curvePublicKey', 'string')], // ZMQ_CURVE_PUBLICKEY
  [49, property('curveSecretKey', 'string')], // ZMQ_CURVE_SECRETKEY
  [50, property('curveServerKey', 'string')], // ZMQ_CURVE_SERVERKEY
  [51, property('probeRouter', 'bool', 'w')], // ZMQ_PROBE_ROUTER
  [52, property('correlate', 'bool', 'w')], // ZMQ_REQ_CORRELATE
  [53, property('relaxed', 'bool', 'w')], // ZMQ_REQ_RELAXED
  [54, property('conflate', 'bool', 'w')], // ZMQ_CONFLATE
  [55, property('zapDomain', 'string')], // ZMQ_ZAP_DOMAIN
  [56, property('handover', 'bool', 'w')], // ZMQ_ROUTER_HANDOVER
  [57, property('typeOfService', 'uint32')], // ZMQ_TOS
  [62, property('gssapiServer', 'bool')], // ZMQ_GSSAPI_SERVER
  [63, property('gssapiPrincipal', 'string')], // ZMQ_GSSAPI_PRINCIPAL
  [64, property('gssapiServicePrincipal', 'string')], // ZMQ_GSSAPI_SERVICE_PRINCIPAL
  [65, property('gssapiPlainText', 'bool')], // ZMQ_GSSAPI_PLAINTEXT
  [66, property('handshakeInterval', 'int32')], // ZMQ_HANDSHAKE_IVL
  [68, property('socksProxy', 'string')], // ZMQ_SOCKS_PROXY
  [69, property('noDrop', 'bool', 'w')], // ZMQ_XPUB_NODROP
  [71, property('manual', 'bool', 'w')], // ZMQ_XPUB_MANUAL
  [72, property('welcomeMessage', 'string', 'w')], // ZMQ_XPUB_WELCOME_MSG
  [73, property('notify', 'bool', 'w')], // ZMQ_STREAM_NOTIFY
  [75, property('heartbeatInterval', 'int32')], // ZMQ_HEARTBEAT_IVL
  [76, property('heartbeatTimeToLive', 'int32')], // ZMQ_HEARTBEAT_TTL
  [77, property('heartbeatTimeout', 'int32')], // ZMQ_HEARTBEAT_TIMEOUT
  [78, property('verboser', 'bool', 'w')], // ZMQ_XPUB_VERBOSER
  [79, property('connectTimeout', 'int32')], // ZMQ_CONNECT_TIMEOUT
  [80, property('tcpMaxRetransmitTimeout', 'int32')], // ZMQ_TCP_MAXRT
  [84, property('multicastMaxTransportDataUnit', 'int32')], // ZMQ_MULTICAST_MAXTPDU
  [85, property('vmciBufferSize', 'uint64')], // ZMQ_VMCI_BUFFER_SIZE
  [86, property('vmciBufferMinSize', 'uint64')], // ZMQ_VMCI_BUFFER_MIN_SIZE
  [87, property('vmciBufferMaxSize', 'uint64')], // ZMQ_VMCI_BUFFER_MAX_SIZE
  [88, property('vmciConnectTimeout', 'int32')], // ZMQ_VMCI_CONNECT_TIMEOUT
  [92, property('interface', 'string')], // ZMQ_BINDTODEVICE
  [93, property('zapEnforceDomain', 'bool')], // ZMQ_ZAP_ENFORCE_DOMAIN
  [94, property('loopbackFastPath', 'bool')], // ZMQ_LOOPBACK_FASTPATH
])

/** The options of a context by libzmq number (zmq_ctx_set/zmq_ctx_get). */
const contextOptions: ReadonlyMap<number, RawOption> = new Map([
  [1, property('ioThreads', 'int32')], // ZMQ_IO_THREADS
  [2, property('maxSockets', 'int32')], // ZMQ_MAX_SOCKETS
  // 3 is ZMQ_SOCKET_LIMIT when read and ZMQ_THREAD_PRIORITY when written, as in libzmq.
  [3, { ...property('threadPriority', 'int32', 'w'), read: (target) => target.maxSocketsLimit as number }],
  [4, property('threadSchedulingPolicy', 'int32', 'w')], // ZMQ_THREAD_SCHED_POLICY
  [5, property('maxMessageSize', 'int32')], // ZMQ_MAX_MSGSZ
  [42, property('ipv6', 'bool')], // ZMQ_IPV6
  [70, property('blocky', 'bool')], // ZMQ_BLOCKY
])

/** libzmq's accessors pass the value's size, so an option is reachable from the accessors of its width. */
const widths: Record<OptionKind, 'int' | 'long' | 'string'> = {
  bool: 'int',
  int32: 'int',
  uint32: 'int',
  int64: 'long',
  uint64: 'long',
  string: 'string',
}

function invalid(why: string): ZeromqError {
  return new ZeromqError('Invalid argument', 'EINVAL', 22, undefined, new RangeError(why))
}

/** The option `id` of `target` for an accessor of `kind`, or EINVAL as libzmq refuses it. */
function find(options: ReadonlyMap<number, RawOption>, target: Target, id: number, kind: OptionKind) {
  const option = options.get(id)
  if (option === undefined || !option.has(target)) throw invalid(`option ${id} is not one of this object's`)
  if (widths[option.kind] !== widths[kind]) throw invalid(`option ${id} is not of type ${kind}`)
  return option
}

function getter(options: ReadonlyMap<number, RawOption>, kind: OptionKind) {
  return function (this: Target, ...args: unknown[]): unknown {
    const [id] = readArguments(args, 1, kind)
    const option = find(options, this, id, kind)
    if (option.read === undefined) throw invalid(`option ${id} cannot be read`)
    const value = presenting(() => option.read!(this))
    if (kind === 'bool') return typeof value === 'boolean' ? value : value !== 0
    if (kind === 'string' || typeof value !== 'boolean') return value
    return Number(value)
  }
}

function setter(options: ReadonlyMap<number, RawOption>, kind: OptionKind) {
  return function (this: Target, ...args: unknown[]): void {
    const [id, value] = readArguments(args, 2, kind)
    const option = find(options, this, id, kind)
    if (option.write === undefined) throw invalid(`option ${id} cannot be written`)
    const converted = kind === 'string' || kind === 'bool' ? value : rawNumber(kind, value)
    presenting(() => option.write!(this, converted as boolean | number | string | Uint8Array | null))
  }
}

/** The raw accessors a zeromq.js socket has, by libzmq option number. */
export interface RawSocketOptions {
  /** Reads option `id` (a `ZMQ_*` number) of type bool. */
  getBoolOption(id: number): boolean
  /** Writes option `id` of type bool. */
  setBoolOption(id: number, value: boolean): void
  /** Reads option `id` of type int. */
  getInt32Option(id: number): number
  /** Writes option `id` of type int. */
  setInt32Option(id: number, value: number): void
  /** Reads option `id` of type unsigned int. */
  getUint32Option(id: number): number
  /** Writes option `id` of type unsigned int. */
  setUint32Option(id: number, value: number): void
  /** Reads option `id` of type int64. */
  getInt64Option(id: number): number
  /** Writes option `id` of type int64. */
  setInt64Option(id: number, value: number): void
  /** Reads option `id` of type uint64. */
  getUint64Option(id: number): number
  /** Writes option `id` of type uint64; values past `Number.MAX_SAFE_INTEGER` warn, as in zeromq.js. */
  setUint64Option(id: number, value: number): void
  /** Reads option `id` of type string (null when empty). */
  getStringOption(id: number): string | null
  /** Writes option `id` of type string, from a string, bytes, or null. */
  setStringOption(id: number, value: string | Uint8Array | null): void
}

/** The raw accessors a zeromq.js context has. */
export type RawContextOptions = Pick<
  RawSocketOptions,
  'getBoolOption' | 'setBoolOption' | 'getInt32Option' | 'setInt32Option'
>

const accessorKinds: Record<string, OptionKind> = {
  Bool: 'bool',
  Int32: 'int32',
  Uint32: 'uint32',
  Int64: 'int64',
  Uint64: 'uint64',
  String: 'string',
}

function define(proto: object, options: ReadonlyMap<number, RawOption>, names: readonly string[]): void {
  for (const name of names) {
    const kind = accessorKinds[name]!
    for (const [verb, make] of [
      ['get', getter],
      ['set', setter],
    ] as const) {
      Object.defineProperty(proto, `${verb}${name}Option`, {
        value: make(options, kind),
        writable: true,
        configurable: true,
      })
    }
  }
}

/** Gives a socket class zeromq.js's raw option accessors ({@link RawSocketOptions}). */
export function defineRawSocketOptions(proto: object): void {
  define(proto, socketOptions, Object.keys(accessorKinds))
}

/** Gives the context class zeromq.js's raw option accessors ({@link RawContextOptions}). */
export function defineRawContextOptions(proto: object): void {
  define(proto, contextOptions, ['Bool', 'Int32'])
}
