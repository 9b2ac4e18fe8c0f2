import { connect, type Socket } from 'node:net'
import {
  abortReason,
  type Connection,
  type DialOptions,
  ErrorCode,
  fromSystemError,
  TransportError,
  unrefTimer,
} from '@zmtp/core'
import { ipcSocketPath, socketAddress } from './address.js'
import { configureSocket } from './configure-socket.js'
import { connectProblem, formatTcpEndpoint, type TcpTransportEndpoint } from './endpoint.js'
import type { ResolvedTcpOptions } from './options.js'
import { OwnedReads, ownedReadsSupported } from './owned-reads.js'
import { type ConnectionAddresses, SocketConnection } from './socket-connection.js'
import { unrefHandle } from './unref.js'

/**
 * Rejects what libzmq rejects at zmq_connect (a wildcard host or port; `parse` for 'connect' refused it
 * already, but `dial` may be called directly) and an abstract name off Linux.
 */
function checkDialable(endpoint: TcpTransportEndpoint): void {
  const address = formatTcpEndpoint(endpoint)
  const problem = connectProblem(endpoint)
  if (problem) throw new TransportError(ErrorCode.InvalidArgument, `connect ${address}: ${problem}`)
  if (endpoint.protocol === 'ipc' && endpoint.abstract && process.platform !== 'linux') {
    throw new TransportError(
      ErrorCode.ConnectionRefused,
      `connect ${address} failed: abstract ipc sockets exist only on Linux`,
    )
  }
}

function openSocket(endpoint: TcpTransportEndpoint, reads: OwnedReads | undefined): Socket {
  const onread = reads?.options
  const socket =
    endpoint.protocol === 'tcp'
      ? connect({ host: endpoint.host, port: endpoint.port, ...(onread && { onread }) })
      : connect({ path: ipcSocketPath(endpoint), ...(onread && { onread }) })
  reads?.attach(socket)
  return socket
}

function addressesOf(socket: Socket, endpoint: TcpTransportEndpoint): ConnectionAddresses {
  if (endpoint.protocol === 'ipc') return { remoteAddress: formatTcpEndpoint(endpoint) }
  return {
    remoteAddress: socketAddress(socket, 'remote') ?? formatTcpEndpoint(endpoint),
    localAddress: socketAddress(socket, 'local'),
  }
}

/**
 * Opens one connection. Resolves once it is established; rejects with a {@link TransportError}, or with
 * the signal's reason (an `AbortError` by default) when `options.signal` aborts first.
 */
export async function dial(
  endpoint: TcpTransportEndpoint,
  options: DialOptions,
  config: ResolvedTcpOptions,
): Promise<Connection> {
  const { signal } = options
  if (signal?.aborted) throw abortReason(signal)
  checkDialable(endpoint)
  const reads = ownedReadsSupported ? new OwnedReads() : undefined
  const socket = openSocket(endpoint, reads)
  configureSocket(socket, config)
  if (options.unref) unrefHandle(socket)

  return new Promise<Connection>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const settle = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      socket.off('connect', onConnect)
      socket.off('error', onError)
    }
    const fail = (reason: unknown) => {
      settle()
      // A late error from the abandoned socket must not become an unhandled 'error' event.
      socket.on('error', () => {})
      socket.destroy()
      reject(reason)
    }
    const onError = (error: Error) => fail(fromSystemError(error, 'connect', formatTcpEndpoint(endpoint)))
    const onAbort = () => fail(abortReason(signal!))
    const onConnect = () => {
      settle()
      resolve(new SocketConnection(socket, addressesOf(socket, endpoint), reads))
    }
    socket.on('connect', onConnect)
    socket.on('error', onError)
    signal?.addEventListener('abort', onAbort, { once: true })
    if (config.connectTimeout > 0) {
      timer = setTimeout(() => {
        const error = Object.assign(new Error(`timed out after ${config.connectTimeout} ms`), {
          code: 'ETIMEDOUT',
        })
        onError(error)
      }, config.connectTimeout)
      if (options.unref) unrefTimer(timer)
    }
  })
}
