import { ErrorCode, ProtocolError } from '../errors.js'
import { allocateUninitialised } from './alloc.js'
import { FrameFlags, frameHeaderSize, KNOWN_FLAG_BITS } from './frame.js'

/** Receives each decoded frame. `body` may be a view into the chunk given to `push`: copy it to keep it. */
export type FrameHandler = (flags: number, body: Uint8Array) => void

export interface FrameDecoderOptions {
  /**
   * Largest frame body accepted, in octets; larger sizes fail before anything is allocated.
   * libzmq checks ZMQ_MAXMSGSIZE per frame in the same way. Default: no limit beyond 2^53 - 1.
   */
  maxFrameSize?: number
}

/**
 * Frame bodies up to this size are allocated whole once their header arrives. A larger claimed size is
 * not trusted: the buffer starts at this size and doubles as the bytes actually arrive, so a peer that
 * claims 4 GiB and sends one octet costs 1 MiB, not 4 GiB of address space.
 */
export const EAGER_BODY_LIMIT = 1024 * 1024

/**
 * The largest body the decoder assembles: 4 GiB, the most a typed array holds in Node 20 (its
 * `buffer.constants.MAX_LENGTH`) and in current browsers. A larger claim could never complete, so its
 * first body octet fails the decoder, as the allocation of the whole claim used to.
 */
export const MAX_ASSEMBLED_BODY = 2 ** 32

enum State {
  Flags = 0,
  ShortSize = 1,
  LongSize = 2,
  Body = 3,
  Failed = 4,
}

/**
 * Streaming ZMTP 3.x frame decoder: a small state machine fed with chunks cut at any byte boundary.
 * A frame that lies wholly inside one chunk is handed out as a view into that chunk (no copy); a frame
 * split across chunks is assembled in a buffer of exactly its size, allocated only after the size
 * has been checked against the limit; beyond {@link EAGER_BODY_LIMIT} that buffer grows with the
 * bytes received instead.
 */
export class FrameDecoder {
  readonly #onFrame: FrameHandler
  readonly #maxFrameSize: number
  #state = State.Flags
  #flags = 0
  #size = 0
  /** Allocated for the first 8-octet size; connections that only carry small frames never need it. */
  #sizeBytes: Uint8Array | null = null
  #sizeFilled = 0
  #body: Uint8Array | null = null
  #bodyFilled = 0

  constructor(onFrame: FrameHandler, options: FrameDecoderOptions = {}) {
    this.#onFrame = onFrame
    this.#maxFrameSize = options.maxFrameSize ?? Number.MAX_SAFE_INTEGER
  }

  /** The size of the newest frame whose header has been read (0 before the first). */
  get lastFrameSize(): number {
    return this.#size
  }

  /** True while a frame has been started but not finished. */
  get midFrame(): boolean {
    return this.#state !== State.Flags && this.#state !== State.Failed
  }

  /**
   * Where the rest of the frame body being assembled may be read straight into, when at least `minimum`
   * octets of it are missing: a view of the body buffer from its first missing octet. A chunk later pushed
   * that is exactly that memory is taken in place, without a copy. Undefined when no body is under way
   * (nothing is allocated for a frame before its first body octet arrives, as before).
   */
  readTarget(minimum: number): Uint8Array | undefined {
    const body = this.#body
    if (body === null || this.#state !== State.Body) return undefined
    const filled = this.#bodyFilled
    if (this.#size - filled < minimum || body.length - filled < minimum) return undefined
    return body.subarray(filled)
  }

  /**
   * A read size, at most `limit`, that ends on a frame boundary if the frames to come are as large as the
   * newest one: the rest of the frame under way, then as many whole frames as fit. Reads cut that way hand
   * every frame out as a view, where a read of any other size cuts a frame in two and its body has to be
   * assembled by a copy. Undefined inside a frame header, or when not one whole frame fits.
   */
  alignedReadSize(limit: number): number | undefined {
    let missing = 0
    if (this.#state === State.Body) missing = this.#size - (this.#body === null ? 0 : this.#bodyFilled)
    else if (this.#state !== State.Flags) return undefined
    const frame = frameHeaderSize(this.#size) + this.#size
    const frames = Math.floor((limit - missing) / frame)
    return frames < 1 ? undefined : missing + frames * frame
  }

  /**
   * What to read next, in one call (a stream engine asks before every read): {@link readTarget} when a
   * body of at least `minimum` missing octets is under way, else, while frames of at least `minimum`
   * octets flow, {@link alignedReadSize}. When not one whole frame of that size fits in `limit`, the
   * frame is read in two steps: its header alone (a number: the size of the newest frame's header), then
   * its body straight into a buffer of its own, allocated here once the header has told its size (a
   * view of it). A read of `limit` at the frame's start would instead be copied into that buffer and,
   * as memory the transport allocated for it, count a second time towards the runtime's external
   * memory. Undefined while frames are small: that answer costs two field reads.
   */
  readAdvice(minimum: number, limit: number): Uint8Array | number | undefined {
    if (this.#size < minimum && this.#body === null) return undefined
    const target = this.readTarget(minimum)
    if (target !== undefined) return target
    if (this.#size < minimum) return undefined
    const aligned = this.alignedReadSize(limit)
    if (aligned !== undefined) return aligned
    if (this.#state === State.Flags) return frameHeaderSize(this.#size)
    if (this.#state === State.Body && this.#body === null && this.#size <= MAX_ASSEMBLED_BODY) {
      // What the first body octet would allocate: at most EAGER_BODY_LIMIT before the octets arrive.
      let body: Uint8Array
      try {
        body = allocateUninitialised(Math.min(this.#size, EAGER_BODY_LIMIT))
      } catch {
        // Advice must not throw into the transport's read; push() fails on the body's first octet.
        return limit
      }
      this.#body = body
      this.#bodyFilled = 0
      return body
    }
    return limit
  }

  /** Decodes what `chunk` holds. Throws a {@link ProtocolError}; after that the decoder stays failed. */
  push(chunk: Uint8Array): void {
    let offset = 0
    const length = chunk.length
    while (offset < length) {
      switch (this.#state) {
        case State.Flags: {
          const flags = chunk[offset++]! & KNOWN_FLAG_BITS
          this.#flags = flags
          if (flags & FrameFlags.Long) {
            // Fast path: the whole 8-octet size inside this chunk (every frame of 256 octets and more),
            // read in place rather than gathered through the size buffer.
            if (offset + 8 <= length) {
              const size = this.#longSize(chunk, offset)
              offset += 8
              if (offset + size <= length) {
                if (size > this.#maxFrameSize) this.#checkSize(size)
                this.#size = size
                this.#onFrame(flags, chunk.subarray(offset, offset + size))
                offset += size
              } else {
                this.#startBody(size)
              }
              break
            }
            this.#state = State.LongSize
            this.#sizeFilled = 0
            break
          }
          // Fast path: short header and body inside this chunk.
          if (offset < length) {
            const size = chunk[offset]!
            if (offset + 1 + size <= length) {
              if (size > this.#maxFrameSize) this.#checkSize(size)
              this.#size = size
              offset += 1
              this.#onFrame(flags, chunk.subarray(offset, offset + size))
              offset += size
              break
            }
          }
          this.#state = State.ShortSize
          break
        }
        case State.ShortSize:
          this.#startBody(chunk[offset++]!)
          break
        case State.LongSize: {
          // A size split across chunks: gathered octet by octet (at most 8; a view to copy them from
          // would cost more than the loop).
          const sizeBytes = (this.#sizeBytes ??= new Uint8Array(8))
          let filled = this.#sizeFilled
          while (filled < 8 && offset < length) sizeBytes[filled++] = chunk[offset++]!
          this.#sizeFilled = filled
          if (filled === 8) this.#startBody(this.#longSize(sizeBytes, 0))
          break
        }
        case State.Body: {
          const size = this.#size
          if (this.#body === null) {
            // Nothing of the body buffered yet: hand out a view when it is all here.
            if (length - offset >= size) {
              this.#state = State.Flags
              this.#onFrame(this.#flags, chunk.subarray(offset, offset + size))
              offset += size
              break
            }
            if (size > MAX_ASSEMBLED_BODY) {
              this.#fail(
                new ProtocolError(ErrorCode.FrameTooLarge, `cannot allocate a frame of ${size} octets`),
              )
            }
            this.#body = this.#allocate(Math.min(size, EAGER_BODY_LIMIT))
            this.#bodyFilled = 0
          }
          const take = Math.min(size - this.#bodyFilled, length - offset)
          if (this.#bodyFilled + take > this.#body.length) this.#grow(this.#bodyFilled + take)
          const body = this.#body
          // A chunk read straight into the body (see readTarget) is already in place.
          if (
            offset !== 0 ||
            chunk.buffer !== body.buffer ||
            chunk.byteOffset !== body.byteOffset + this.#bodyFilled
          ) {
            body.set(chunk.subarray(offset, offset + take), this.#bodyFilled)
          }
          this.#bodyFilled += take
          offset += take
          if (this.#bodyFilled === size) {
            const body = this.#body
            this.#body = null
            this.#state = State.Flags
            this.#onFrame(this.#flags, body)
          }
          break
        }
        case State.Failed:
          return
      }
    }
  }

  /** The 8-octet big-endian size at `bytes[at]`. */
  #longSize(bytes: Uint8Array, at: number): number {
    const high = ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
    const low =
      ((bytes[at + 4]! << 24) | (bytes[at + 5]! << 16) | (bytes[at + 6]! << 8) | bytes[at + 7]!) >>> 0
    if (high >= 0x20_0000) {
      // At least 2^53: beyond any limit we could honour (the protocol allows up to 2^63 - 1).
      this.#fail(new ProtocolError(ErrorCode.FrameTooLarge, 'frame size exceeds 2^53 - 1 octets'))
    }
    return high * 0x1_0000_0000 + low
  }

  #checkSize(size: number): void {
    if (size > this.#maxFrameSize) {
      this.#fail(
        new ProtocolError(
          ErrorCode.FrameTooLarge,
          `frame of ${size} octets exceeds the maximum of ${this.#maxFrameSize}`,
        ),
      )
    }
  }

  #startBody(size: number): void {
    this.#checkSize(size)
    this.#size = size
    this.#body = null
    if (size === 0) {
      this.#state = State.Flags
      this.#onFrame(this.#flags, new Uint8Array(0))
      return
    }
    this.#state = State.Body
  }

  #allocate(size: number): Uint8Array {
    try {
      // Uninitialised is safe: the body is handed out only once every octet has been copied in.
      return allocateUninitialised(size)
    } catch (cause) {
      // Without a limit a peer can claim more than the runtime can allocate; libzmq treats a failed
      // allocation as a protocol error too, and the decoder must not retry on the next chunk.
      this.#fail(
        new ProtocolError(ErrorCode.FrameTooLarge, `cannot allocate a frame of ${size} octets`, { cause }),
      )
    }
  }

  /** Replaces the body buffer by one of at least `needed` octets: double the old, capped at the frame size. */
  #grow(needed: number): void {
    const old = this.#body!
    const grown = this.#allocate(Math.min(this.#size, Math.max(needed, old.length * 2)))
    grown.set(old.subarray(0, this.#bodyFilled))
    this.#body = grown
  }

  #fail(error: ProtocolError): never {
    this.#state = State.Failed
    this.#body = null
    throw error
  }
}
