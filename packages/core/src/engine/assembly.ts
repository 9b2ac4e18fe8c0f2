import { ErrorCode, ProtocolError } from '../errors.js'
import { type MultipartBudget, PART_OVERHEAD } from './options.js'

const DEFAULT_MAX_PARTS = 1_000_000
/** Slots of the parts array kept for the next message; a longer message's array is dropped. */
const KEEP_PARTS = 64

/**
 * The parts of the incoming message whose last part has not arrived yet. It enforces the two limits on
 * a message under assembly: a count of parts per connection, and the socket-wide byte budget that all
 * connections of one socket share (see {@link MultipartBudget}).
 */
export class MessageAssembly {
  readonly #maxParts: number
  readonly #budget: MultipartBudget | undefined
  /**
   * The parts held so far, in the first `#count` slots. The array is kept from message to message and
   * each finished message gets an exact-size copy: a fresh array per message would allocate room for 16
   * parts at its first push, about 150 octets of young garbage per message.
   */
  #parts: (Uint8Array | undefined)[] = []
  #count = 0
  /** What the held parts cost against the budget. */
  #cost = 0

  constructor(maxParts: number | undefined, budget: MultipartBudget | undefined) {
    this.#maxParts = maxParts ?? DEFAULT_MAX_PARTS
    this.#budget = budget
  }

  /**
   * Adds a part. Returns the whole message when `more` is false, else undefined.
   * @throws ProtocolError when a limit would be passed
   */
  add(body: Uint8Array, more: boolean): Uint8Array[] | undefined {
    const count = this.#count
    // Most messages are one frame: nothing held, nothing to copy.
    if (!more && count === 0) return [body]
    const parts = this.#parts
    parts[count] = body
    this.#count = count + 1
    if (!more) return this.#finish()
    if (count + 1 >= this.#maxParts) {
      throw new ProtocolError(ErrorCode.MalformedFrame, `message has more than ${this.#maxParts} parts`)
    }
    const budget = this.#budget
    if (budget !== undefined) {
      const cost = body.length + PART_OVERHEAD
      if (budget.used + cost > budget.limit) {
        throw new ProtocolError(
          ErrorCode.LimitExceeded,
          `incomplete multipart messages would hold more than ${budget.limit} bytes on this socket`,
        )
      }
      budget.used += cost
      this.#cost += cost
    }
    return undefined
  }

  /** Drops what is held and gives its cost back to the budget (the connection closed). */
  clear(): void {
    this.#parts.length = 0
    this.#count = 0
    if (this.#cost !== 0) this.#release()
  }

  /** The held parts as one message; the slots are emptied so that no body stays reachable from here. */
  #finish(): Uint8Array[] {
    const parts = this.#parts
    const count = this.#count
    const message = parts.slice(0, count) as Uint8Array[]
    // A message of many parts would leave a large array behind on a connection that may go quiet.
    if (count > KEEP_PARTS) this.#parts = []
    else for (let i = 0; i < count; i++) parts[i] = undefined
    this.#count = 0
    if (this.#cost !== 0) {
      // #release, written out: this runs per multipart message.
      this.#budget!.used -= this.#cost
      this.#cost = 0
    }
    return message
  }

  #release(): void {
    this.#budget!.used -= this.#cost
    this.#cost = 0
  }
}
