/** The process exit codes of `zmtp`, stable for scripts. */
export const ExitCode = {
  /** The command did what it was asked. */
  Ok: 0,
  /** A usage error: an unknown command or option, a bad value, malformed input. */
  Usage: 1,
  /** A bind failed, or a connection or its handshake failed for good. */
  Connection: 2,
  /** `--timeout` passed without the send or receive it bounds. */
  Timeout: 3,
  /** Interrupted by SIGINT (128 + 2, as shells report it). */
  Interrupted: 130,
} as const

/** One of {@link ExitCode}'s values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]
