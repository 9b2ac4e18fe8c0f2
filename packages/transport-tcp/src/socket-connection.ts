import type { Socket } from 'node:net'
import { type ConnectionEventMap, Emitter, fromSystemError, type StreamConnection } from '@zmtp/core'
import { keepFreedMemoryMapped } from './malloc-thresholds.js'
import type { OwnedReads } from './owned-reads.js'

/**
 * Octets that writes of several chunks (large frame bodies travel by reference, each beside its header)
 * may leave buffered in the socket before the connection reports itself full. Node's own mark (16 KiB
 * on Node 20, 64 KiB from Node 22) is at most one 64 KiB message, so each one used to be a writev(2) of
 * its own followed by a `drain` before the next could be encoded; with room for a few, the messages
 * encoded in one turn leave together.
 */
const LARGE_WRITE_BUFFER = 256 * 1024

/** Where the two ends of a connection are, as endpoint URLs. */
export interface ConnectionAddresses {
  remoteAddress: string
  localAddress?: string
}

/**
 * A {@link StreamConnection} over a connected `net.Socket` (TCP or Unix domain).
 *
 * Reading starts only when the first `data` listener is added, so bytes that arrive before the engine
 * is wired up wait instead of being emitted to nobody. A socket made with the `onread` of an
 * {@link OwnedReads} (given here as `reads`) delivers through it; any other socket through its `'data'`
 * events.
 */
export class SocketConnection extends Emitter<ConnectionEventMap> implements StreamConnection {
  readonly kind = 'stream'
  readonly remoteAddress: string
  readonly localAddress: string | undefined

  readonly #socket: Socket
  readonly #reads: OwnedReads | undefined
  #reading = false
  /** Corked by a write of several chunks, until the end of the current tick. */
  #corked = false
  #closing = false
  #closed = false
  /** The reason given to `destroy`, or the first socket error; reported by the `close` event. */
  #error: Error | undefined

  constructor(socket: Socket, addresses: ConnectionAddresses, reads?: OwnedReads) {
    super()
    this.#socket = socket
    this.#reads = reads
    this.remoteAddress = addresses.remoteAddress
    this.localAddress = addresses.localAddress
    socket.on('error', (error) => {
      this.#error ??= fromSystemError(error, 'io', this.remoteAddress)
    })
    socket.on('drain', () => this.emit('drain'))
    socket.on('close', () => {
      if (this.#closed) return
      this.#closed = true
      this.emit('close', this.#error)
    })
  }

  override on<K extends keyof ConnectionEventMap>(event: K, listener: ConnectionEventMap[K]): this {
    super.on(event, listener)
    if (event === 'data') this.#startReading()
    return this
  }

  readInto(target: () => Uint8Array | number | undefined): void {
    this.#reads?.readInto(target)
  }

  write(chunk: Uint8Array): boolean {
    if (!this.#writable()) return false
    return this.#socket.write(chunk)
  }

  writev(chunks: readonly Uint8Array[]): boolean {
    const socket = this.#socket
    // #writable(), written out: this runs per message.
    if (this.#closing || socket.destroyed || socket.writableEnded) return false
    // One chunk (every request and reply of a request/reply exchange) is one write(2) anyway, or joins
    // the writes corked earlier in this tick; corking it only runs the stream's buffering machinery.
    if (chunks.length === 1) return socket.write(chunks[0]!)
    // Corked writes reach net.Socket's _writev together on uncork: one writev(2) for all chunks, and for
    // all the batches written until the end of this tick (a sender's queue of large messages is encoded
    // in one go). Node's documented idiom; end() and destroy() uncork on their own.
    if (!this.#corked) {
      this.#corked = true
      socket.cork()
      process.nextTick(this.#uncork)
      // Batches of several chunks mean a streaming sender, whose output slabs churn through malloc as a
      // busy receiver's read slabs do (see keepFreedMemoryMapped). Measured with 1 KiB messages: 1.50 µs
      // of CPU per message sent (0.45-0.73 in the kernel, 0.02 page faults per message), 0.86 with freed
      // memory kept mapped (0.13-0.38, 0.003).
      keepFreedMemoryMapped()
    }
    for (const chunk of chunks) socket.write(chunk)
    // Past the stream's own mark every write returns false and `drain` is due once the buffer empties;
    // full only past ours, so that the writes of one tick do not stop at the first large message. Never
    // full without a `drain` to come: an application may raise the stream's mark above ours.
    return socket.writableLength < LARGE_WRITE_BUFFER || !socket.writableNeedDrain
  }

  readonly #uncork = (): void => {
    this.#corked = false
    this.#socket.uncork()
  }

  pause(): void {
    if (this.#reads !== undefined) this.#reads.pause()
    else this.#socket.pause()
  }

  resume(): void {
    if (this.#reads !== undefined) this.#reads.resume()
    // Resuming before anyone listens for data would make the socket flow into the void.
    else if (this.#reading) this.#socket.resume()
  }

  close(): void {
    if (this.#closing || this.#closed) return
    this.#closing = true
    this.#socket.end()
    // The peer's FIN sits behind any unread data: keep reading (and drop it) so the close can complete.
    this.#startReading()
    this.resume()
  }

  destroy(error?: Error): void {
    if (this.#closed) return
    if (error) this.#error ??= error
    this.#closing = true
    this.#socket.destroy()
  }

  #writable(): boolean {
    const socket = this.#socket
    return !this.#closing && !socket.destroyed && !socket.writableEnded
  }

  #startReading(): void {
    if (this.#reading) return
    this.#reading = true
    const deliver = (chunk: Uint8Array) => {
      if (!this.#closing) this.emit('data', chunk)
    }
    if (this.#reads !== undefined) {
      this.#reads.listen(deliver)
      return
    }
    // After pause() the socket is in explicit paused mode, so adding this listener does not start the flow.
    this.#socket.on('data', deliver)
  }
}
