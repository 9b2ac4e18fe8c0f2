import { ErrorCode, ProtocolError } from '../errors.js'
import { asciiWrite } from '../util/bytes.js'

/** Octets in a ZMTP 3.x greeting. */
export const GREETING_SIZE = 64

/** The parts of a greeting that carry meaning. */
export interface Greeting {
  /** Protocol major version; 3 for ZMTP 3.x. */
  major: number
  /** Protocol minor version: 0 for ZMTP 3.0 (libzmq up to 4.3.2), 1 for 3.1. */
  minor: number
  /** Security mechanism name, such as `NULL`, `PLAIN` or `CURVE`. */
  mechanism: string
  /** The as-server flag. libzmq always sends 0, so it is informational only. */
  asServer: boolean
}

const MECHANISM_OFFSET = 12
const MECHANISM_SIZE = 20
const MECHANISM_NAME = /^[A-Z0-9_.+-]{1,20}$/

/**
 * Our 64-octet greeting, sent in one piece: signature `FF 00*8 7F`, version 3.1, mechanism name padded
 * with NULs, as-server, and zero filler.
 */
export function encodeGreeting(options: {
  mechanism: string
  asServer?: boolean
  minor?: number
}): Uint8Array {
  if (!MECHANISM_NAME.test(options.mechanism)) {
    throw new TypeError(`invalid mechanism name "${options.mechanism}"`)
  }
  const out = new Uint8Array(GREETING_SIZE)
  out[0] = 0xff
  out[9] = 0x7f
  out[10] = 3
  out[11] = options.minor ?? 1
  asciiWrite(options.mechanism, out, MECHANISM_OFFSET)
  out[32] = options.asServer ? 1 : 0
  return out
}

/**
 * Parses the peer's greeting as it arrives in pieces. It fails as early as the bytes allow: a first octet
 * other than 0xFF or a signature without bit 0 of octet 9 is not ZMTP 3.x; a major version below 3 is a
 * peer we do not speak to. The padding (libzmq puts a length there) and as-server are not validated.
 */
export class GreetingDecoder {
  #buffer = new Uint8Array(GREETING_SIZE)
  #filled = 0
  #greeting: Greeting | null = null
  #error: ProtocolError | null = null

  /** The parsed greeting once all 64 octets have arrived. */
  get greeting(): Greeting | null {
    return this.#greeting
  }

  /** How many octets have arrived so far. */
  get received(): number {
    return this.#filled
  }

  /**
   * Takes octets from `chunk` starting at `offset`, at most up to the end of the greeting, and returns
   * how many it took. The rest of the chunk belongs to the frames after the greeting. Throws a
   * {@link ProtocolError}, and the same error again on every later call.
   */
  push(chunk: Uint8Array, offset = 0): number {
    // The rejected octets are already buffered, so going on would parse a greeting that was refused.
    if (this.#error) throw this.#error
    if (this.#greeting) return 0
    const take = Math.min(GREETING_SIZE - this.#filled, chunk.length - offset)
    const before = this.#filled
    this.#buffer.set(chunk.subarray(offset, offset + take), before)
    this.#filled += take
    this.#validatePrefix(before)
    if (this.#filled === GREETING_SIZE) this.#greeting = this.#parse()
    return take
  }

  #validatePrefix(before: number): void {
    const buffer = this.#buffer
    if (before < 1 && this.#filled >= 1 && buffer[0] !== 0xff) {
      this.#reject(
        new ProtocolError(ErrorCode.BadGreeting, 'peer greeting does not start with 0xFF (not ZMTP 3.x)'),
      )
    }
    if (before < 10 && this.#filled >= 10 && (buffer[9]! & 1) === 0) {
      this.#reject(
        new ProtocolError(
          ErrorCode.UnsupportedVersion,
          'peer greeting has no version (ZMTP 1.0); ZMTP 3.0 or later is required',
        ),
      )
    }
    if (before < 11 && this.#filled >= 11 && buffer[10]! < 3) {
      this.#reject(
        new ProtocolError(
          ErrorCode.UnsupportedVersion,
          `peer speaks ZMTP major version ${buffer[10]}; 3 or later is required`,
        ),
      )
    }
  }

  #reject(error: ProtocolError): never {
    this.#error = error
    throw error
  }

  #parse(): Greeting {
    const buffer = this.#buffer
    let end = MECHANISM_OFFSET
    while (end < MECHANISM_OFFSET + MECHANISM_SIZE && buffer[end] !== 0) end++
    let mechanism = ''
    for (let i = MECHANISM_OFFSET; i < end; i++) mechanism += String.fromCharCode(buffer[i]!)
    // libzmq compares all 20 octets: anything but NULs after the name makes it another mechanism,
    // so keep the raw field (NULs included), which matches no valid name.
    for (let i = end; i < MECHANISM_OFFSET + MECHANISM_SIZE; i++) {
      if (buffer[i] !== 0) {
        mechanism = ''
        for (let j = MECHANISM_OFFSET; j < MECHANISM_OFFSET + MECHANISM_SIZE; j++) {
          mechanism += String.fromCharCode(buffer[j]!)
        }
        break
      }
    }
    return { major: buffer[10]!, minor: buffer[11]!, mechanism, asServer: buffer[32] === 1 }
  }
}
