import type { Socket } from 'node:net'
import type { IpcEndpoint } from './endpoint.js'

/** `tcp://host:port` for an address Node reported, with IPv6 hosts in brackets as endpoint URLs require. */
export function formatTcpAddress(host: string, port: number | string): string {
  // Joined rather than concatenated: a connection keeps its addresses for its life, and V8 keeps a
  // concatenation as a tree of its pieces (four nodes and a port string here, about 150 bytes), a join
  // as one flat string (about 40).
  return ['tcp://', host.includes(':') ? `[${host}]` : host, ':', port].join('')
}

/** One end of a socket, as its handle reports it. */
interface SocketName {
  address?: string
  port?: number
}

/**
 * Where one end of a connected TCP socket is, as `tcp://host:port`; undefined when Node cannot tell.
 * Asks the socket's handle itself where it can: Node's `remoteAddress` and `localAddress` getters keep
 * what they read on the socket (an object and its strings for each end, about 180 bytes a connection,
 * kept for the connection's life).
 */
export function socketAddress(socket: Socket, end: 'remote' | 'local'): string | undefined {
  const handle = (socket as unknown as { _handle?: Record<string, unknown> | null })._handle
  const ask = handle?.[end === 'remote' ? 'getpeername' : 'getsockname']
  let name: SocketName = {}
  if (typeof ask === 'function') {
    if (ask.call(handle, name) !== 0) name = {}
  } else if (end === 'remote') {
    name = { address: socket.remoteAddress, port: socket.remotePort }
  } else {
    name = { address: socket.localAddress, port: socket.localPort }
  }
  const { address, port } = name
  return address !== undefined && port !== undefined ? formatTcpAddress(address, port) : undefined
}

/** The path Node's `net` takes: Linux abstract names start with a NUL byte instead of `@`. */
export function ipcSocketPath(endpoint: IpcEndpoint): string {
  return endpoint.abstract ? `\0${endpoint.path}` : endpoint.path
}
