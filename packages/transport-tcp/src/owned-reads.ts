import { Buffer } from 'node:buffer'
import type { OnReadOpts, Socket } from 'node:net'
import { keepFreedMemoryMapped } from './malloc-thresholds.js'

/**
 * What a connection reads into while it is quiet: one buffer for the whole process. A read there is
 * copied out at once (the callback runs before any other read), so a quiet connection holds no memory
 * of its own between reads, as with Node's `'data'` path.
 */
const SCRATCH_SIZE = 64 * 1024
/** A busy connection reads into a slab of its own and hands out views of it: no copy, fewer reads. */
const SLAB_SIZE = 256 * 1024
/**
 * A slab with less room left than this, or than the read the receiver asked for, is replaced by a fresh
 * one (its views stay valid): a read that the slab's end cut short would cut a frame in two.
 */
const MIN_SLAB_ROOM = 64 * 1024
/**
 * At most this much per read unless the receiver asks for more: a read's worth of small messages is
 * decoded and queued in one go, so larger reads would only make those bursts (and the memory they hold
 * while queued) longer.
 */
const DEFAULT_READ_SIZE = 64 * 1024
/** A read the receiver asks to be smaller than this is a frame header's (see `FrameDecoder.readAdvice`). */
const HEADER_READ_LIMIT = 16

let scratch: Uint8Array | null = null
/**
 * The shared buffer of a quiet connection while large frames flow: as large as the reads the receiver
 * asks for, so a frame that fits is not cut in two (one copy out instead of a copy out and a second one
 * to join the halves). Shared, like {@link scratch}: a short read into a connection's own slab would pin
 * a whole slab per idle connection and per queued message cut from it.
 */
let largeScratch: Uint8Array | null = null

/**
 * Whether `onread` and an accepted socket's handle behave as in Node. Bun accepts both options but then
 * delivers nothing (every handshake stalled), so other runtimes keep the `'data'` path.
 */
export const ownedReadsSupported: boolean =
  typeof process !== 'undefined' && process.release?.name === 'node' && process.versions.bun === undefined

/**
 * Reads through Node's `onread` into memory chosen per read, instead of the `'data'` stream path: a new
 * buffer per read, the stream machinery, and a copy for every frame that spans two reads. Before each
 * read it picks, in this order: where the receiver asks (the rest of a large frame body, see
 * `StreamConnection.readInto`), the connection's slab while reads come in full, else a shared scratch
 * buffer (a larger one while large frames flow) whose read is copied out. Memory once handed out in a chunk is never read into again, as the Connection contract asks.
 *
 * The socket reads from the start (so a close is noticed even before anyone listens). Node's `onread`
 * callback ignores the stream's paused state, so a chunk read while nobody listens or while paused is
 * held, reading stops, and what was held is delivered first once reading resumes.
 */
export class OwnedReads {
  #socket: Socket | null = null
  #sink: ((chunk: Uint8Array) => void) | null = null
  #paused = false
  #held: Uint8Array[] = []
  #flushScheduled = false
  #target: () => Uint8Array | number | undefined = () => undefined
  #slab: Uint8Array | null = null
  #slabOffset = 0
  /** The last read filled its buffer: more is waiting, so read into a slab of our own. */
  #busy = false

  /** The `onread` option for `net.connect` and `new net.Socket`. */
  readonly options: OnReadOpts = {
    buffer: () => this.#next(),
    callback: (nread, buffer) => {
      this.#read(nread, buffer)
      return true
    },
  }

  /** The socket made with {@link options}. */
  attach(socket: Socket): void {
    this.#socket = socket
  }

  /** Starts delivering to `sink` (what was held first, on a later microtask). */
  listen(sink: (chunk: Uint8Array) => void): void {
    this.#sink = sink
    if (!this.#paused) this.#resume()
  }

  pause(): void {
    this.#paused = true
    this.#socket?.pause()
  }

  resume(): void {
    this.#paused = false
    if (this.#sink !== null) this.#resume()
  }

  /** See `StreamConnection.readInto`. */
  readInto(target: () => Uint8Array | number | undefined): void {
    this.#target = target
  }

  #resume(): void {
    if (this.#held.length === 0) {
      this.#socket?.resume()
      return
    }
    if (this.#flushScheduled) return
    this.#flushScheduled = true
    // Not synchronously: resume() is called from inside the receiver, which is not ready for re-entry.
    queueMicrotask(() => {
      this.#flushScheduled = false
      const held = this.#held
      while (held.length > 0 && !this.#paused && this.#sink !== null) this.#sink(held.shift()!)
      if (held.length === 0 && !this.#paused) this.#socket?.resume()
    })
  }

  #next(): Uint8Array {
    // Node asks for the next read's memory right after the last read was delivered, so the receiver's
    // offer reflects everything read so far. Not so while chunks are held back: those have not reached
    // the receiver yet, and its offer would be stale.
    let size = DEFAULT_READ_SIZE
    let large = false
    if (this.#sink !== null && !this.#paused && this.#held.length === 0) {
      const wanted = this.#target()
      if (typeof wanted === 'number') {
        // Large frames flow: their buffers churn through malloc (see keepFreedMemoryMapped).
        keepFreedMemoryMapped()
        // The header alone of a frame too large for one read (its body is read into place next): a few
        // octets, copied out of the shared buffer whatever the connection's pace.
        if (wanted < HEADER_READ_LIMIT) {
          scratch ??= Buffer.allocUnsafeSlow(SCRATCH_SIZE)
          return scratch.subarray(0, wanted)
        }
        size = Math.min(SLAB_SIZE, Math.max(size, wanted))
        large = true
      } else if (wanted !== undefined) return wanted
    }
    if (!this.#busy) {
      this.#slab = null
      if (large) {
        largeScratch ??= Buffer.allocUnsafeSlow(SLAB_SIZE)
        return largeScratch.subarray(0, size)
      }
      scratch ??= Buffer.allocUnsafeSlow(SCRATCH_SIZE)
      return scratch
    }
    let slab = this.#slab
    if (slab === null || slab.length - this.#slabOffset < (large ? size : Math.max(MIN_SLAB_ROOM, size))) {
      // While large frames flow the receiver sizes each read to end on a frame boundary (three 64 KiB
      // frames and their headers: 196,635 octets), so a slab of exactly that size wastes nothing, where
      // one of SLAB_SIZE left a quarter of itself unused per read. Every octet of a slab counts towards
      // V8's young-generation external memory, and each 32 MiB of it costs a scavenge, whose pauses grow
      // the most on a busy machine (see docs/benchmarks.md, "Where the time goes per message").
      // A busy stream churns through slabs as large frames churn through their buffers, freed by the
      // garbage collector in batches, so the same applies (see keepFreedMemoryMapped). Measured with 1 KiB
      // messages between two processes: a receiver left in glibc's start-up state spent 1.2-2.9 µs of CPU
      // per message, about half of it in the kernel with 0.02-0.04 page faults per message; kept mapped,
      // 0.7-1.0 µs, 0.002 faults per message.
      keepFreedMemoryMapped()
      // Uninitialised is safe: only the octets a read filled are ever handed out.
      slab = Buffer.allocUnsafeSlow(large ? size : SLAB_SIZE)
      this.#slab = slab
      this.#slabOffset = 0
    }
    return slab.subarray(this.#slabOffset, this.#slabOffset + size)
  }

  #read(nread: number, buffer: Uint8Array): void {
    this.#busy = nread === buffer.length
    let chunk: Uint8Array
    if (buffer.buffer === scratch?.buffer || buffer.buffer === largeScratch?.buffer) {
      // Uninitialised is safe: every octet is copied over; small reads are not worth a native call.
      chunk = nread < 1024 ? new Uint8Array(nread) : Buffer.allocUnsafeSlow(nread)
      chunk.set(buffer.subarray(0, nread))
    } else {
      chunk = buffer.subarray(0, nread)
      if (this.#slab !== null && buffer.buffer === this.#slab.buffer) this.#slabOffset += nread
    }
    const sink = this.#sink
    if (sink === null || this.#paused || this.#held.length > 0) {
      this.#held.push(chunk)
      // Inside the read callback the handle is reading, so this stops it at once.
      this.#socket?.pause()
      return
    }
    sink(chunk)
  }
}
