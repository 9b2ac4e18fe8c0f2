/**
 * A progress bar on stderr, drawn only when stderr is a terminal and at most ten times a second; on a
 * pipe it draws nothing, so logs stay clean.
 */
export class ProgressBar {
  readonly #stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }
  readonly #label: string
  readonly #total: number
  #drawnAt = 0

  constructor(
    stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    label: string,
    total: number,
  ) {
    this.#stream = stream
    this.#label = label
    this.#total = total
  }

  /** Shows `done` of the total, unless the last drawing was under 100 ms ago. */
  update(done: number): void {
    if (!this.#stream.isTTY) return
    const now = Date.now()
    if (now - this.#drawnAt < 100 && done < this.#total) return
    this.#drawnAt = now
    const width = Math.max(10, Math.min(40, (this.#stream.columns ?? 80) - this.#label.length - 30))
    const filled = Math.round((done / this.#total) * width)
    const percent = Math.floor((done / this.#total) * 100)
    this.#stream.write(
      `\r${this.#label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${done}/${this.#total}`,
    )
  }

  /** Clears the bar's line. */
  finish(): void {
    if (this.#stream.isTTY) this.#stream.write('\r\u001b[2K')
  }
}
