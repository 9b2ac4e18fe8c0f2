/**
 * Writes to stdout with backpressure, and turns a closed reader (EPIPE, as with `zmtp sub | head -1`)
 * into a clean stop rather than a crash.
 */
export class Output {
  readonly #stream: NodeJS.WritableStream
  #broken = false
  #onBroken: () => void

  constructor(stream: NodeJS.WritableStream, onBroken: () => void) {
    this.#stream = stream
    this.#onBroken = onBroken
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error
      this.#broken = true
      this.#onBroken()
    })
  }

  /** Whether the reader went away. */
  get broken(): boolean {
    return this.#broken
  }

  /** Writes `bytes`; resolves once the stream can take more. Does nothing once the reader is gone. */
  async write(bytes: Uint8Array): Promise<void> {
    if (this.#broken) return
    if (this.#stream.write(bytes)) return
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.#stream.off('drain', done)
        this.#stream.off('error', done)
        resolve()
      }
      this.#stream.on('drain', done)
      this.#stream.on('error', done)
    })
  }
}
