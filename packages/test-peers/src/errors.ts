/** The message every "peer missing" failure carries, so a CI log says what to install. */
export const LIBZMQ_UNAVAILABLE = 'libzmq peer unavailable: install python3-zmq (Debian)'

/** A request to the libzmq peer failed inside libzmq or pyzmq. */
export class LibzmqError extends Error {
  /** The errno name libzmq reported (`'EAGAIN'`, `'EHOSTUNREACH'`, `'EFSM'`…), if the failure had one. */
  readonly errno: string | undefined
  /** The driver request that failed (`'send'`, `'bind'`…). */
  readonly op: string

  constructor(op: string, message: string, errno: string | undefined) {
    super(`libzmq ${op} failed: ${message}${errno ? ` (${errno})` : ''}`)
    this.name = 'LibzmqError'
    this.op = op
    this.errno = errno
  }
}

/** The peer cannot run here: no `/usr/bin/python3`, or it has no `zmq` module. */
export class PeerUnavailableError extends Error {
  constructor(message: string = LIBZMQ_UNAVAILABLE) {
    super(message)
    this.name = 'PeerUnavailableError'
  }
}

/** The peer process ended (killed, crashed or stopped) while a request was pending or after it. */
export class PeerExitedError extends Error {
  /** Exit status, or `null` when a signal ended the process. */
  readonly exitCode: number | null
  /** The signal that ended the process, if any. */
  readonly signal: NodeJS.Signals | null

  constructor(exitCode: number | null, signal: NodeJS.Signals | null, stderr: string) {
    const how = signal ? `signal ${signal}` : `code ${exitCode}`
    super(`libzmq peer exited (${how})${stderr ? `: ${stderr.trim()}` : ''}`)
    this.name = 'PeerExitedError'
    this.exitCode = exitCode
    this.signal = signal
  }
}
