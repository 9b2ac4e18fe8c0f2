import { CliError } from '../cli-error.js'
import { concat } from './bytes.js'
import { type Format, FormatError } from './format.js'

const NEWLINE = 0x0a

/**
 * Turns a byte stream (stdin, a command's output) into messages in `format`: split at newlines for the
 * line formats, by length for `raw`. Bad input throws a {@link CliError} that names the line or message.
 */
export class MessageDecoder {
  readonly #format: Format
  readonly #source: string
  #pending: Uint8Array = new Uint8Array(0)
  #count = 0
  /** Bad input met after good messages in the same chunk: those are handed out first, this on the next call. */
  #failure: CliError | undefined

  /** `source` names the input in errors, such as 'stdin'. */
  constructor(format: Format, source = 'stdin') {
    this.#format = format
    this.#source = source
  }

  /** The messages completed by `chunk`. */
  push(chunk: Uint8Array): Uint8Array[][] {
    if (this.#failure) throw this.#failure
    this.#pending = this.#pending.length === 0 ? chunk : concat([this.#pending, chunk])
    return this.#format.decodeLine ? this.#lines(this.#format.decodeLine) : this.#raw()
  }

  /** The input ended: a last line without a newline still counts; a partial raw message is an error. */
  end(): Uint8Array[][] {
    if (this.#failure) throw this.#failure
    const rest = this.#pending
    this.#pending = new Uint8Array(0)
    if (rest.length === 0) return []
    if (this.#format.decodeLine) return [this.#decode(this.#format.decodeLine, rest)]
    throw this.#error(`message ${this.#count + 1} is cut short (${rest.length} octets left over)`)
  }

  #lines(decodeLine: (line: Uint8Array) => Uint8Array[]): Uint8Array[][] {
    const messages: Uint8Array[][] = []
    let start = 0
    for (let at = this.#pending.indexOf(NEWLINE); at >= 0; at = this.#pending.indexOf(NEWLINE, start)) {
      try {
        messages.push(this.#decode(decodeLine, this.#pending.subarray(start, at)))
      } catch (error) {
        if (!(error instanceof CliError) || messages.length === 0) throw error
        this.#failure = error
        return messages
      }
      start = at + 1
    }
    this.#pending = this.#pending.subarray(start)
    return messages
  }

  #decode(decodeLine: (line: Uint8Array) => Uint8Array[], line: Uint8Array): Uint8Array[] {
    this.#count += 1
    try {
      return decodeLine(line)
    } catch (error) {
      if (error instanceof FormatError) throw this.#error(`line ${this.#count} ${error.message}`)
      throw error
    }
  }

  #raw(): Uint8Array[][] {
    const messages: Uint8Array[][] = []
    for (;;) {
      const message = this.#nextRaw()
      if (!message) return messages
      messages.push(message)
    }
  }

  /** One whole length-prefixed message from the front of the pending bytes, or undefined. */
  #nextRaw(): Uint8Array[] | undefined {
    const bytes = this.#pending
    if (bytes.length < 4) return undefined
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const frames = view.getUint32(0)
    if (frames === 0) throw this.#error(`message ${this.#count + 1} has no frames`)
    const message: Uint8Array[] = []
    let at = 4
    for (let i = 0; i < frames; i++) {
      if (bytes.length < at + 4) return undefined
      const length = view.getUint32(at)
      if (bytes.length < at + 4 + length) return undefined
      message.push(bytes.slice(at + 4, at + 4 + length))
      at += 4 + length
    }
    this.#pending = bytes.subarray(at)
    this.#count += 1
    return message
  }

  #error(what: string): CliError {
    return new CliError(
      'ERR_BAD_INPUT',
      `${this.#source}: ${what}`,
      this.#format.name === 'raw'
        ? 'raw input must be what `zmtp ... --format raw` writes'
        : `fix that line, or pick the --format the input is written in`,
    )
  }
}
