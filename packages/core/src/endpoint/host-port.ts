import { EndpointError } from '../errors.js'
import { isIpv4, isIpv6 } from './ip.js'

/** The `host:port` part of a URL, shared by the schemes that address a host (`tcp`, `ws`, `wss`). */
export interface HostPort {
  /** Host name or address without brackets; `*` binds every interface. */
  host: string
  /** Port; 0 when the URL said `*` or `0` (an ephemeral port chosen at bind). */
  port: number
  /** True when the host is an IPv6 address (written in brackets). */
  ipv6: boolean
}

/**
 * Parses `host:port` or `[v6]:port` from `url`'s authority. A port of `*` or `0` becomes 0. Without
 * `defaultPort` the port is required.
 *
 * @throws {@link EndpointError} naming what is wrong, with `url` as the endpoint.
 */
export function parseHostPort(url: string, authority: string, defaultPort?: number): HostPort {
  let host: string
  let portText: string | undefined
  let ipv6 = false
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']')
    if (close < 0) throw new EndpointError(url, "missing ']' after the IPv6 address")
    host = authority.slice(1, close)
    if (!isIpv6(host)) throw new EndpointError(url, `invalid IPv6 address '${host}'`)
    ipv6 = true
    const after = authority.slice(close + 1)
    if (after.startsWith(':')) portText = after.slice(1)
    else if (after !== '') throw new EndpointError(url, `unexpected '${after}' after the IPv6 address`)
  } else {
    const colon = authority.lastIndexOf(':')
    host = colon < 0 ? authority : authority.slice(0, colon)
    if (colon >= 0) portText = authority.slice(colon + 1)
    if (host.includes(':')) throw new EndpointError(url, 'IPv6 address must be in brackets')
    checkHost(url, host)
  }
  let port: number
  if (portText === undefined || portText === '') {
    if (defaultPort === undefined) throw new EndpointError(url, 'missing port')
    if (portText === '') throw new EndpointError(url, "empty port after ':'")
    port = defaultPort
  } else {
    port = parsePort(url, portText)
  }
  return { host, ipv6, port }
}

/** Prints `host:port`, the host in brackets when it is IPv6 and an ephemeral port (0) as `*`. */
export function formatHostPort(address: HostPort): string {
  const host = address.ipv6 ? `[${address.host}]` : address.host
  return `${host}:${address.port === 0 ? '*' : address.port}`
}

/** Why `address` can only be bound, not connected to; undefined when it can be connected to. */
export function wildcardProblem(address: HostPort): string | undefined {
  if (address.host === '*') return 'a wildcard host can only be bound'
  if (address.port === 0) return 'a wildcard or zero port can only be bound'
  return undefined
}

function checkHost(url: string, host: string): void {
  if (host === '') throw new EndpointError(url, 'missing host')
  if (host === '*') return
  // Interface names and DNS names are checked only for characters that could never be part of either and
  // that would make the printed URL read back differently.
  if (/[\s\p{Cc}/?#@[\]*;]/u.test(host)) throw new EndpointError(url, `invalid host '${host}'`)
  // An all-numeric host can only be meant as IPv4: catch typos such as 256.0.0.1 here rather than as a
  // confusing name-resolution failure at connect time.
  if (/^[\d.]+$/.test(host) && !isIpv4(host)) throw new EndpointError(url, `invalid IPv4 address '${host}'`)
}

function parsePort(url: string, text: string): number {
  if (text === '*') return 0
  if (!/^\d+$/.test(text)) {
    throw new EndpointError(url, `port must be a decimal number or '*', got '${text}'`)
  }
  const port = Number(text)
  if (port > 65535) throw new EndpointError(url, `port ${text} out of range`)
  return port
}
