import { ErrorCode, isZmtpError } from '@zmtp/patterns'
import { CliError } from '../cli-error.js'

/** The endpoint forms every command takes, for fixes. */
export const ENDPOINT_FORMS =
  'tcp://host:port, ipc:///path, ws://host:port/path, wss://host:port/path or webrtc://peer-id'

/** Fixes for the system errors a bind meets. */
const BIND_FIXES: Readonly<Record<string, string>> = {
  EADDRINUSE: 'another socket or process holds it: pick another port, or bind port * for a free one',
  EACCES: 'ports below 1024 need privileges: pick a port above 1023',
  EADDRNOTAVAIL: 'that address is not on this machine: bind 127.0.0.1, * or one of its interfaces',
  ENOENT: 'the directory of the ipc path does not exist: create it or pick another path',
}

/** `error` from `bind(endpoint)` or `connect(endpoint)` as a {@link CliError} naming the endpoint and the fix. */
export function endpointError(error: unknown, endpoint: string, verb: 'bind' | 'connect'): CliError {
  if (isZmtpError(error, ErrorCode.InvalidEndpoint) || isZmtpError(error, ErrorCode.NoTransport)) {
    return new CliError(
      'ERR_ENDPOINT',
      `cannot ${verb} '${endpoint}': ${(error as Error).message}`,
      `write it as ${ENDPOINT_FORMS}${verb === 'bind' ? '; * stands for every interface or a free port' : ''}`,
    )
  }
  const code = (error as { code?: unknown }).code
  const message = error instanceof Error ? error.message : String(error)
  // A webrtc:// bind announces its id to the signaling server: that is what fails, not a local address.
  const fix = endpoint.startsWith('webrtc://')
    ? 'check that the signaling server given to --signal is running (zmtp signal) and reachable'
    : typeof code === 'string'
      ? BIND_FIXES[code]
      : undefined
  return new CliError(
    'ERR_BIND',
    `cannot ${verb} ${endpoint}: ${message}`,
    fix ?? 'check the endpoint, and that nothing else uses it',
  )
}
