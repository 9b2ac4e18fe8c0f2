import { ExitCode, type ExitCodeValue } from './exit-codes.js'

/** Stable codes of the errors `zmtp` reports itself (library errors keep their own codes). */
export type CliErrorCode =
  | 'ERR_USAGE'
  | 'ERR_BAD_INPUT'
  | 'ERR_ENDPOINT'
  | 'ERR_BIND'
  | 'ERR_HANDSHAKE'
  | 'ERR_TIMEOUT'
  | 'ERR_EXEC'

/**
 * An error the command line reports and exits on: `message` says what failed (naming the endpoint when
 * there is one), `fix` what to do about it, `exitCode` which of {@link ExitCode} the process ends with.
 */
export class CliError extends Error {
  override readonly name = 'CliError'

  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly fix?: string,
    readonly exitCode: ExitCodeValue = exitCodeOf(code),
  ) {
    super(message)
  }
}

function exitCodeOf(code: CliErrorCode): ExitCodeValue {
  switch (code) {
    case 'ERR_BIND':
    case 'ERR_HANDSHAKE':
      return ExitCode.Connection
    case 'ERR_TIMEOUT':
      return ExitCode.Timeout
    default:
      return ExitCode.Usage
  }
}
