import type { SocketEvent } from '@zmtp/patterns'

/**
 * The error of a `handshake:error:auth` or `handshake:error:protocol` event as zeromq.js gives it:
 * libzmq's text for the failure as the message, the ZAP status (`status`) of an authentication
 * failure, the `ERR_ZMTP_*`/`ERR_ZAP_*` name (`code`) of a protocol error. zmtp's error, with its more
 * specific message, is the `cause`.
 */
export class HandshakeEventError extends Error {
  override name = 'Error'
  constructor(
    message: string,
    /** libzmq's protocol error name (`ERR_ZMTP_MECHANISM_MISMATCH`, `ERR_ZAP_BAD_VERSION`...). */
    readonly code: string | undefined,
    /** The ZAP status code of an authentication failure (300, 400, 500). */
    readonly status: number | undefined,
    cause: unknown,
  ) {
    super(message, { cause })
  }
}

/** zeromq.js's text for each ZAP status of `handshake:error:auth`. */
const authTexts: Record<number, string> = {
  300: 'Temporary error',
  400: 'Authentication failure',
  500: 'Internal error',
}

/** libzmq's protocol error name for each zmtp code that has one; `ERR_ZAP_*` codes are libzmq's own. */
const zmtpCodes: Record<string, string> = {
  ERR_MECHANISM_MISMATCH: 'ERR_ZMTP_MECHANISM_MISMATCH',
  ERR_MALFORMED_COMMAND: 'ERR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED',
  ERR_MALFORMED_METADATA: 'ERR_ZMTP_INVALID_METADATA',
  ERR_DECRYPT_FAILED: 'ERR_ZMTP_CRYPTOGRAPHIC',
  ERR_REPLAYED_NONCE: 'ERR_ZMTP_CRYPTOGRAPHIC',
}

/** `event` with its handshake error in zeromq.js's form; other events unchanged. */
export function presentEvent(event: SocketEvent): SocketEvent {
  if (event.type !== 'handshake:error:auth' && event.type !== 'handshake:error:protocol') return event
  const error = event.error as (Error & { code?: string; status?: number }) | undefined
  if (error === undefined || error instanceof HandshakeEventError) return event
  if (event.type === 'handshake:error:auth') {
    const status = error.status
    const text = (status !== undefined && authTexts[status]) || 'Unknown error'
    return { ...event, error: new HandshakeEventError(text, undefined, status, error) }
  }
  const code = error.code?.startsWith('ERR_ZAP_')
    ? error.code
    : (zmtpCodes[error.code ?? ''] ?? 'ERR_ZMTP_UNSPECIFIED')
  const text = code.startsWith('ERR_ZAP_') ? 'ZAP protocol error' : 'ZMTP protocol error'
  return { ...event, error: new HandshakeEventError(text, code, undefined, error) }
}
