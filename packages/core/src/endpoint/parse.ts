import { EndpointError } from '../errors.js'
import type { Endpoint, IpcEndpoint, TcpEndpoint, WsEndpoint } from './endpoint.js'

const SCHEMES = 'tcp, ipc, inproc, ws, wss or webrtc'

/**
 * Parses an endpoint URL such as `tcp://127.0.0.1:5555`, `ipc:///tmp/feed`, `inproc://jobs`,
 * `ws://localhost:8080/zmq` or `webrtc://peer-id`.
 *
 * A port of `*` or `0` becomes 0, meaning an ephemeral port chosen at bind. IPv6 hosts must be written in
 * brackets and are stored without them. Scheme names are matched exactly (lower case), as libzmq does.
 *
 * @throws {@link EndpointError} (`ERR_INVALID_ENDPOINT`) naming what is wrong with the URL.
 */
export function parseEndpoint(url: string): Endpoint {
  const separator = url.indexOf('://')
  if (separator < 0) throw new EndpointError(url, "missing '://' after the scheme")
  const scheme = url.slice(0, separator)
  const rest = url.slice(separator + 3)
  switch (scheme) {
    case 'tcp':
      return parseTcp(url, rest)
    case 'ipc':
      return parseIpc(url, rest)
    case 'inproc':
      if (rest === '') throw new EndpointError(url, 'empty inproc name')
      return { protocol: 'inproc', name: rest }
    case 'ws':
    case 'wss':
      return parseWs(url, scheme, rest)
    case 'webrtc':
      if (rest === '') throw new EndpointError(url, 'empty peer id')
      if (rest.includes('/')) throw new EndpointError(url, "peer id must not contain '/'")
      return { protocol: 'webrtc', peerId: rest }
    case '':
      throw new EndpointError(url, 'missing scheme')
    default:
      throw new EndpointError(url, `unknown scheme '${scheme}' (expected ${SCHEMES})`)
  }
}

/**
 * Prints an endpoint as a URL; the inverse of {@link parseEndpoint}. An ephemeral port (0) prints as `*`,
 * and ws/wss always print their port, so the output is explicit even where the input relied on defaults.
 */
export function formatEndpoint(endpoint: Endpoint): string {
  switch (endpoint.protocol) {
    case 'tcp':
      return `tcp://${formatHost(endpoint)}:${formatPort(endpoint.port)}`
    case 'ipc':
      return `ipc://${endpoint.abstract ? '@' : ''}${endpoint.path}`
    case 'inproc':
      return `inproc://${endpoint.name}`
    case 'ws':
    case 'wss':
      return `${endpoint.protocol}://${formatHost(endpoint)}:${formatPort(endpoint.port)}${endpoint.path}`
    case 'webrtc':
      return `webrtc://${endpoint.peerId}`
  }
}

function formatHost(endpoint: TcpEndpoint | WsEndpoint): string {
  return endpoint.ipv6 ? `[${endpoint.host}]` : endpoint.host
}

function formatPort(port: number): string {
  return port === 0 ? '*' : String(port)
}

function parseTcp(url: string, rest: string): TcpEndpoint {
  if (rest.includes(';')) {
    throw new EndpointError(url, "the source-address form 'src;dst' is not supported")
  }
  if (rest.includes('/')) throw new EndpointError(url, 'tcp endpoints take no path')
  const { host, ipv6, port } = parseAuthority(url, rest, undefined)
  return { protocol: 'tcp', host, port, ipv6 }
}

function parseIpc(url: string, rest: string): IpcEndpoint {
  if (rest === '') throw new EndpointError(url, 'empty ipc path')
  if (rest.startsWith('@')) {
    if (rest.length === 1) throw new EndpointError(url, "empty abstract socket name after '@'")
    return { protocol: 'ipc', path: rest.slice(1), abstract: true }
  }
  return { protocol: 'ipc', path: rest, abstract: false }
}

function parseWs(url: string, protocol: 'ws' | 'wss', rest: string): WsEndpoint {
  // Brackets hold no '/', so the first '/' always ends the authority, even for an IPv6 host.
  const slash = rest.indexOf('/')
  const authority = slash < 0 ? rest : rest.slice(0, slash)
  const path = slash < 0 ? '/' : rest.slice(slash)
  const { host, ipv6, port } = parseAuthority(url, authority, protocol === 'ws' ? 80 : 443)
  return { protocol, host, port, ipv6, path }
}

/** Splits `host:port` or `[v6]:port`; without `defaultPort` the port is required. */
function parseAuthority(
  url: string,
  authority: string,
  defaultPort: number | undefined,
): { host: string; ipv6: boolean; port: number } {
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

function isIpv4(text: string): boolean {
  const parts = text.split('.')
  return parts.length === 4 && parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)
}

function isIpv6(text: string): boolean {
  // A zone (`fe80::1%eth0`) names a local interface; it is kept as part of the host.
  const percent = text.indexOf('%')
  const address = percent < 0 ? text : text.slice(0, percent)
  if (percent >= 0 && percent === text.length - 1) return false
  const halves = address.split('::')
  if (halves.length > 2) return false
  let groups = 0
  for (let h = 0; h < halves.length; h++) {
    const half = halves[h]!
    if (half === '') continue
    const parts = half.split(':')
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!
      // An embedded IPv4 address may only close the whole address.
      const isLast = h === halves.length - 1 && i === parts.length - 1
      if (isLast && part.includes('.')) {
        if (!isIpv4(part)) return false
        groups += 2
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
        groups += 1
      } else {
        return false
      }
    }
  }
  return halves.length === 2 ? groups < 8 : groups === 8
}
