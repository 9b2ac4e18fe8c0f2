import { allocateUninitialised, bufferView, subview } from '../codec/alloc.js'
import { FrameFlags, frameHeaderSize, SHORT_FRAME_MAX } from '../codec/frame.js'
import { writeFrameHeader } from '../codec/frame-encoder.js'

const SLAB_SIZE = 64 * 1024
/**
 * The first slab: room for the greeting and the handshake. Each later slab is twice the previous one, up
 * to SLAB_SIZE, so a busy connection soon batches in 64 KiB while an idle one never holds more than this.
 */
const FIRST_SLAB_SIZE = 512
/** Where there is no slab yet (or no longer): no room, so the next write allocates one. */
const NO_SLAB = new Uint8Array(0)
/** Bodies at least this large are written by reference instead of being copied into the slab. */
const ZERO_COPY_THRESHOLD = 16 * 1024

/**
 * Collects outgoing frames into chunks for one write. Small frames are copied into a slab (one large
 * buffer carved into consecutive regions, never rewritten once handed out), so a burst of small messages
 * leaves as a single chunk; large bodies travel by reference next to their header.
 * @internal
 */
export class OutputBuffer {
  #slab: Uint8Array = NO_SLAB
  #nextSlabSize = FIRST_SLAB_SIZE
  #start = 0
  #end = 0
  #chunks: Uint8Array[] = []
  /**
   * Octets waiting to be taken. A field rather than a getter (it is read per message, and a getter is a
   * call while the code is interpreted); only this class writes it.
   */
  pending = 0

  /** Appends one ZMTP frame (stream framing: header with size, then body). */
  writeFrame(flags: number, body: Uint8Array): void {
    const size = body.length
    if (size <= SHORT_FRAME_MAX) {
      // The common small frame, with its two-octet header written here: no helper calls, which count
      // while this still runs in the interpreter (the first few thousand messages of a process).
      if (this.#slab.length - this.#end < 2 + size) this.#reserve(2 + size)
      const slab = this.#slab
      const at = this.#end
      slab[at] = flags & ~FrameFlags.Long
      slab[at + 1] = size
      if (size > 0) slab.set(body, at + 2)
      this.#end = at + 2 + size
      this.pending += 2 + size
      return
    }
    const header = frameHeaderSize(size)
    if (size >= ZERO_COPY_THRESHOLD) {
      this.#reserve(header)
      this.#end = writeFrameHeader(this.#slab, this.#end, flags, body.length)
      this.#seal()
      this.#append(body)
    } else {
      this.#reserve(header + body.length)
      this.#end = writeFrameHeader(this.#slab, this.#end, flags, body.length)
      this.#slab.set(body, this.#end)
      this.#end += body.length
    }
    this.pending += header + body.length
  }

  /**
   * Appends the frames of one message, MORE on every frame but the last: the data path, one call per
   * message rather than per frame. Small frames that fit take the path of {@link writeFrame}'s, written
   * out; any other frame goes through it.
   */
  writeFrames(frames: readonly Uint8Array[]): void {
    const last = frames.length - 1
    for (let i = 0; i <= last; i++) {
      const body = frames[i]!
      const flags = i < last ? FrameFlags.More : 0
      const size = body.length
      if (size > SHORT_FRAME_MAX || this.#slab.length - this.#end < 2 + size) {
        this.writeFrame(flags, body)
        continue
      }
      const slab = this.#slab
      const at = this.#end
      slab[at] = flags
      slab[at + 1] = size
      if (size > 0) slab.set(body, at + 2)
      this.#end = at + 2 + size
      this.pending += 2 + size
    }
  }

  /** Appends one ZWS message: a flags octet (MORE 0x01, COMMAND 0x02), then the body, as its own chunk. */
  writeMessage(flags: number, body: Uint8Array): void {
    const size = 1 + body.length
    this.#seal()
    this.#reserve(size)
    this.#slab[this.#end] = flags
    this.#slab.set(body, this.#end + 1)
    this.#end += size
    this.#seal()
    this.pending += size
  }

  /** Appends bytes as they are (the greeting). */
  writeRaw(bytes: Uint8Array): void {
    this.#reserve(bytes.length)
    this.#slab.set(bytes, this.#end)
    this.#end += bytes.length
    this.pending += bytes.length
  }

  /** Hands out everything written so far and starts afresh. */
  take(): Uint8Array[] {
    if (this.#chunks.length === 0 && this.#end > this.#start) {
      // The usual batch: everything in one region of the slab, handed out as an array of one.
      // subview(), written out: this runs per batch.
      const slab = this.#slab
      const chunk =
        bufferView !== undefined && slab instanceof bufferView
          ? new bufferView(slab.buffer, slab.byteOffset + this.#start, this.#end - this.#start)
          : slab.subarray(this.#start, this.#end)
      this.#start = this.#end
      this.pending = 0
      return [chunk]
    }
    this.#seal()
    const chunks = this.#chunks
    this.#chunks = []
    this.pending = 0
    return chunks
  }

  /**
   * Lets go of the slab when nothing written waits in it, so that a connection that has gone quiet (after
   * its handshake, say) holds no output memory; chunks already handed out stay valid. The slabs start
   * small again, as on a new connection.
   */
  release(): void {
    if (this.pending !== 0 || this.#end > this.#start) return
    this.#slab = NO_SLAB
    this.#nextSlabSize = FIRST_SLAB_SIZE
    this.#start = 0
    this.#end = 0
  }

  /**
   * Adds a chunk to the next batch. The first one starts an array of exactly one: most batches of a
   * request/reply exchange are one chunk, and a push onto an empty array makes room for 16.
   */
  #append(chunk: Uint8Array): void {
    if (this.#chunks.length === 0) this.#chunks = [chunk]
    else this.#chunks.push(chunk)
  }

  #seal(): void {
    if (this.#end > this.#start) {
      this.#append(subview(this.#slab, this.#start, this.#end))
      this.#start = this.#end
    }
  }

  #reserve(size: number): void {
    if (this.#slab.length - this.#end >= size) return
    const unsealed = this.#end - this.#start
    // Uninitialised is safe: only the regions written are ever handed out.
    const next = allocateUninitialised(Math.max(this.#nextSlabSize, unsealed + size))
    let carried = 0
    if (unsealed > 0 && this.#slab.length < SLAB_SIZE) {
      // Still growing: carry the batch so far over, so that it leaves as one chunk all the same.
      next.set(this.#slab.subarray(this.#start, this.#end))
      carried = unsealed
    } else {
      this.#seal()
    }
    this.#slab = next
    this.#nextSlabSize = Math.min(SLAB_SIZE, this.#nextSlabSize * 2)
    this.#start = 0
    this.#end = carried
  }
}
