import type { Socket } from '@zmtp/patterns'
import { CliError } from '../cli-error.js'
import { Output } from '../io/output.js'
import { colourFor, type Painter, painter } from '../terminal/colour.js'

/** The process streams a command runs against; tests and embedders may pass their own. */
export interface Streams {
  readonly stdin: NodeJS.ReadableStream & AsyncIterable<Uint8Array | string>
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean }
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }
}

/**
 * What one run of a command shares: the streams, the sockets to close at the end, the stop signal (an
 * exit code, or a {@link CliError}), and why connections failed, for the timeout message.
 */
export class RunContext {
  readonly streams: Streams
  readonly stdout: Output
  /** Colours stderr when it is a terminal. */
  readonly paint: Painter
  readonly stopped: Promise<number>
  /** The `--linger` given, if any: bounds how long the process may take to exit after the sockets close. */
  linger: number | undefined
  readonly #sockets = new Set<Socket>()
  readonly #cleanups: (() => void)[] = []
  readonly #connectErrors = new Map<string, string>()
  #resolve!: (code: number) => void
  #reject!: (error: CliError) => void

  constructor(streams: Streams) {
    this.streams = streams
    this.stopped = new Promise<number>((resolve, reject) => {
      this.#resolve = resolve
      this.#reject = reject
    })
    // Nothing may be left unhandled: the command races this promise, but it can settle first.
    this.stopped.catch(() => {})
    this.stdout = new Output(streams.stdout, () => this.stop(0))
    this.paint = painter(colourFor(streams.stderr))
  }

  /** Ends the run with `code` (0 on a closed stdout, 130 on SIGINT). The first stop or failure wins. */
  stop(code: number): void {
    this.#resolve(code)
  }

  /** Ends the run with `error`. */
  fail(error: CliError): void {
    this.#reject(error)
  }

  /** Closes `socket` when the run ends. */
  track<T extends Socket>(socket: T): T {
    this.#sockets.add(socket)
    return socket
  }

  /** Runs `cleanup` when the run ends, after the sockets are closed (for what the sockets relied on). */
  onClose(cleanup: () => void): void {
    this.#cleanups.push(cleanup)
  }

  /** Closes every tracked socket (each lingers as its `linger` option says), then runs the cleanups. */
  closeAll(): void {
    for (const socket of this.#sockets) if (!socket.closed) socket.close()
    for (const cleanup of this.#cleanups.splice(0)) cleanup()
  }

  /** Remembers why `address` could not be reached, for a later timeout message. */
  noteConnectError(address: string, reason: string | undefined): void {
    if (reason === undefined) this.#connectErrors.delete(address)
    else this.#connectErrors.set(address, reason)
  }

  /** A timeout error for `what`, naming the endpoints that could not be reached and why. */
  timeout(what: string, ms: number): CliError {
    const unreachable = [...this.#connectErrors].map(([address, reason]) => `${address} (${reason})`)
    if (unreachable.length > 0) {
      return new CliError(
        'ERR_TIMEOUT',
        `${what} within ${ms} ms; could not reach ${unreachable.join(', ')}`,
        'start the peer, or check the host and port',
      )
    }
    return new CliError(
      'ERR_TIMEOUT',
      `${what} within ${ms} ms`,
      'raise --timeout, or check that the peer sends',
    )
  }

  /** A note on stderr, prefixed `zmtp:`. */
  note(text: string): void {
    this.streams.stderr.write(`${this.paint('dim', 'zmtp:')} ${text}\n`)
  }
}
