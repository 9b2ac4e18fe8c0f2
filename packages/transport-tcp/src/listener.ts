import { createServer, type ListenOptions as NetListenOptions, type Server, Socket } from 'node:net'
import { fromSystemError, type Listener, type ListenOptions } from '@zmtp/core'
import { adoptOwnedReads } from './adopt-reads.js'
import { configureSocket } from './configure-socket.js'
import type { ResolvedTcpOptions } from './options.js'
import { OwnedReads, ownedReadsSupported } from './owned-reads.js'
import { type ConnectionAddresses, SocketConnection } from './socket-connection.js'
import { unrefHandle } from './unref.js'

/** Makes a server that hands every accepted socket, wrapped, to `options.onConnection`. */
export function createAcceptingServer(
  options: ListenOptions,
  config: ResolvedTcpOptions,
  addressesOf: (socket: Socket) => ConnectionAddresses,
): Server {
  // Paused, so that no byte is read before the socket is wrapped again with an `onread` of our own.
  const server = createServer({ pauseOnConnect: ownedReadsSupported })
  server.on('connection', (accepted) => {
    let reads: OwnedReads | undefined = ownedReadsSupported ? new OwnedReads() : undefined
    let socket = accepted
    if (reads !== undefined && !adoptOwnedReads(accepted, reads)) {
      socket = withOwnedReads(accepted, reads)
      if (socket === accepted) reads = undefined
    }
    configureSocket(socket, config)
    if (options.unref) unrefHandle(socket)
    try {
      options.onConnection(new SocketConnection(socket, addressesOf(socket), reads))
    } catch (error) {
      // A throwing callback must not leave an orphan socket or kill the accept loop.
      socket.destroy()
      options.onError?.(error instanceof Error ? error : new Error(String(error)))
    }
  })
  return server
}

/**
 * Where {@link adoptOwnedReads} cannot work: Node takes `onread` only when a socket is made, and a server
 * makes its sockets itself, so the accepted socket's handle (not yet read from) moves into a new socket
 * made with `reads`. The old socket object is
 * then destroyed without its handle, which only gives its count back to the server. Falls back to the
 * accepted socket (read through `'data'`) should a Node version not expose the handle.
 */
function withOwnedReads(accepted: Socket, reads: OwnedReads): Socket {
  const internal = accepted as unknown as { _handle?: object | null }
  const handle = internal._handle
  if (handle === null || typeof handle !== 'object') return accepted
  internal._handle = null
  accepted.destroy()
  const socket = new Socket({
    handle,
    readable: true,
    writable: true,
    onread: reads.options,
  } as ConstructorParameters<typeof Socket>[0])
  reads.attach(socket)
  return socket
}

/** Binds `server`; rejects with Node's own error so callers can inspect the errno before mapping it. */
export function bind(server: Server, options: NetListenOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening)
      reject(error)
    }
    const onListening = () => {
      server.off('error', onError)
      resolve()
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(options)
  })
}

/**
 * A bound server as a core {@link Listener}. `cleanup` runs after the server stops accepting, to remove
 * what binding left behind (an ipc socket file, a temporary directory).
 */
export class NetListener implements Listener {
  readonly endpoint: string
  readonly #server: Server
  readonly #cleanup: () => Promise<void>
  #closing: Promise<void> | undefined

  constructor(server: Server, endpoint: string, options: ListenOptions, cleanup = async () => {}) {
    this.endpoint = endpoint
    this.#server = server
    this.#cleanup = cleanup
    if (options.unref) unrefHandle(server)
    server.on('error', (error) => options.onError?.(fromSystemError(error, 'accept', endpoint)))
  }

  close(): Promise<void> {
    this.#closing ??= this.#close()
    return this.#closing
  }

  async #close(): Promise<void> {
    // Not awaiting close's callback: it waits for every accepted connection to end, and those stay open.
    // The listening descriptor itself is closed synchronously, so the address is free once this returns.
    this.#server.close()
    await this.#cleanup()
  }
}
