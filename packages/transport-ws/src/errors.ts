import { ErrorCode, ProtocolError, TransportError, ZmtpError } from '@zmtp/core'

/** The `code`s the `ws` library puts on errors about a peer's frames. */
const frameErrors: Readonly<Record<string, ErrorCode>> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: ErrorCode.FrameTooLarge,
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: ErrorCode.FrameTooLarge,
  // Peers other than browsers get maxFragments 1: a fragmented message is refused, as libzmq refuses it.
  WS_ERR_TOO_MANY_BUFFERED_PARTS: ErrorCode.MalformedFrame,
  WS_ERR_INVALID_OPCODE: ErrorCode.MalformedFrame,
  WS_ERR_EXPECTED_FIN: ErrorCode.MalformedFrame,
  WS_ERR_EXPECTED_MASK: ErrorCode.MalformedFrame,
  WS_ERR_UNEXPECTED_MASK: ErrorCode.MalformedFrame,
  WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH: ErrorCode.MalformedFrame,
  WS_ERR_UNEXPECTED_RSV_1: ErrorCode.MalformedFrame,
  WS_ERR_UNEXPECTED_RSV_2_3: ErrorCode.MalformedFrame,
  WS_ERR_INVALID_UTF8: ErrorCode.MalformedFrame,
  WS_ERR_INVALID_CLOSE_CODE: ErrorCode.MalformedFrame,
}

const connectErrors: Readonly<Record<string, ErrorCode>> = {
  ECONNREFUSED: ErrorCode.ConnectionRefused,
  ECONNRESET: ErrorCode.ConnectionRefused,
  EHOSTUNREACH: ErrorCode.HostUnreachable,
  ENETUNREACH: ErrorCode.HostUnreachable,
  ENOTFOUND: ErrorCode.HostUnreachable,
  EAI_AGAIN: ErrorCode.HostUnreachable,
  ETIMEDOUT: ErrorCode.Again,
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** An error of an established connection: a frame the peer should not have sent, or an I/O failure. */
export function connectionError(error: unknown, address: string): ZmtpError {
  if (error instanceof ZmtpError) return error
  const reason = error instanceof Error ? error.message : String(error)
  const frameCode = frameErrors[codeOf(error) ?? '']
  if (frameCode) return new ProtocolError(frameCode, `${address}: ${reason}`, { cause: error })
  return new TransportError(ErrorCode.ConnectionClosed, `${address}: ${reason}`, { cause: error })
}

/**
 * An error of an outgoing connection before it opened. An HTTP answer instead of the upgrade means the
 * server refused us: 403 by policy, anything else (400, 404, 426...) as a bad upgrade.
 */
export function dialError(error: unknown, address: string): ZmtpError {
  if (error instanceof ZmtpError) return error
  const reason = error instanceof Error ? error.message : String(error)
  const status = /Unexpected server response: (\d+)/.exec(reason)?.[1]
  const code =
    status === '403'
      ? ErrorCode.Forbidden
      : status !== undefined
        ? ErrorCode.BadUpgrade
        : (connectErrors[codeOf(error) ?? ''] ?? ErrorCode.ConnectionRefused)
  return new TransportError(code, `connect ${address} failed: ${reason}`, { cause: error })
}
