import { ErrorCode, errnoOf, fromSystemError, ProtocolError, TransportError, ZmtpError } from '@zmtp/core'

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

/**
 * An error of an established connection: a frame the peer should not have sent, or an I/O failure
 * (core's system-error table).
 */
export function connectionError(error: unknown, address: string): ZmtpError {
  if (error instanceof ZmtpError) return error
  const frameCode = frameErrors[errnoOf(error) ?? '']
  if (!frameCode) return fromSystemError(error, 'io', address)
  const reason = error instanceof Error ? error.message : String(error)
  return new ProtocolError(frameCode, `${address}: ${reason}`, { cause: error })
}

/**
 * An error of an outgoing connection before it opened. An HTTP answer instead of the upgrade means the
 * server refused us: 403 by policy, anything else (400, 404, 426...) as a bad upgrade. Anything else is
 * a system error, mapped by core's table as for every transport.
 */
export function dialError(error: unknown, address: string): ZmtpError {
  if (error instanceof ZmtpError) return error
  const reason = error instanceof Error ? error.message : String(error)
  const status = /Unexpected server response: (\d+)/.exec(reason)?.[1]
  if (status === undefined) return fromSystemError(error, 'connect', address)
  const code = status === '403' ? ErrorCode.Forbidden : ErrorCode.BadUpgrade
  return new TransportError(code, `connect ${address} failed: ${reason}`, { cause: error })
}
