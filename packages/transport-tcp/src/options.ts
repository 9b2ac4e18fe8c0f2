import { ErrorCode, TransportError } from '@zmtp/core'

/**
 * Settings for {@link tcp}. Each mirrors a libzmq socket option; libzmq sets them per socket, here they
 * apply to every socket that uses the transport instance.
 */
export interface TcpTransportOptions {
  /**
   * TCP keepalive. `true` turns it on with the OS idle time; a number turns it on and sets the idle time
   * in milliseconds before the first probe. Mirrors `ZMQ_TCP_KEEPALIVE` (and `ZMQ_TCP_KEEPALIVE_IDLE`,
   * which libzmq gives in seconds). Default: off, as in libzmq (`-1`, the OS default, is off on most systems).
   */
  keepAlive?: boolean | number
  /** Length of the queue of connections the kernel accepts before we do. Mirrors `ZMQ_BACKLOG`. Default 100. */
  backlog?: number
  /**
   * Milliseconds a dial may take before it fails with `EAGAIN`; 0 leaves it to the OS. Mirrors
   * `ZMQ_CONNECT_TIMEOUT`. Default 0.
   */
  connectTimeout?: number
  /**
   * When true, `tcp://*:port` binds `::` (every IPv6 and, dual stack, every IPv4 interface) and reports
   * `tcp://[::]:port`; when false it binds `0.0.0.0` and reports `tcp://0.0.0.0:port`. Explicit addresses are
   * used as given either way. Mirrors `ZMQ_IPV6`. Default false.
   */
  ipv6?: boolean
}

/** {@link TcpTransportOptions} with defaults filled in and values checked. */
export interface ResolvedTcpOptions {
  /** Keepalive idle time in milliseconds (0 = OS default), or undefined when keepalive is off. */
  keepAliveDelay: number | undefined
  backlog: number
  connectTimeout: number
  ipv6: boolean
}

function invalid(message: string): TransportError {
  return new TransportError(ErrorCode.InvalidArgument, `tcp(): ${message}`)
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

/** Checks options up front so a typo fails at `tcp()` rather than at the first bind. */
export function resolveOptions(options: TcpTransportOptions = {}): ResolvedTcpOptions {
  const { keepAlive = false, backlog = 100, connectTimeout = 0, ipv6 = false } = options
  if (typeof keepAlive !== 'boolean' && !isNonNegativeInteger(keepAlive)) {
    throw invalid(`keepAlive must be a boolean or a non-negative integer of milliseconds, got ${keepAlive}`)
  }
  if (!isNonNegativeInteger(backlog)) throw invalid(`backlog must be a non-negative integer, got ${backlog}`)
  if (!isNonNegativeInteger(connectTimeout)) {
    throw invalid(`connectTimeout must be a non-negative integer of milliseconds, got ${connectTimeout}`)
  }
  if (typeof ipv6 !== 'boolean') throw invalid(`ipv6 must be a boolean, got ${ipv6}`)
  const keepAliveDelay = keepAlive === false ? undefined : keepAlive === true ? 0 : keepAlive
  return { keepAliveDelay, backlog, connectTimeout, ipv6 }
}
