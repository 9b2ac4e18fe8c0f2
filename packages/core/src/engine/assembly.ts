import { ErrorCode, ProtocolError } from '../errors.js'
import { type MultipartBudget, PART_OVERHEAD } from './options.js'

const DEFAULT_MAX_PARTS = 1_000_000

/**
 * The parts of the incoming message whose last part has not arrived yet. It enforces the two limits on
 * a message under assembly: a count of parts per connection, and the socket-wide byte budget that all
 * connections of one socket share (see {@link MultipartBudget}).
 */
export class MessageAssembly {
  readonly #maxParts: number
  readonly #budget: MultipartBudget | undefined
  #parts: Uint8Array[] = []
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
    const parts = this.#parts
    parts.push(body)
    if (!more) {
      this.#parts = []
      if (this.#cost !== 0) this.#release()
      return parts
    }
    if (parts.length >= this.#maxParts) {
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
    this.#parts = []
    if (this.#cost !== 0) this.#release()
  }

  #release(): void {
    this.#budget!.used -= this.#cost
    this.#cost = 0
  }
}
