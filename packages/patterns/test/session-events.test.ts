import { AuthError, ErrorCode, PeerError, ProtocolError, TimeoutError, TransportError } from '@zmtp/core'
import { describe, expect, it } from 'vitest'
import { stopsReconnecting } from '../src/session-events.js'

/** What the engine makes of an exception it did not expect: a protocol error carrying it as the cause. */
function wrapped(cause: unknown): ProtocolError {
  return new ProtocolError(ErrorCode.MalformedFrame, `unexpected failure: ${String(cause)}`, { cause })
}

describe('stopsReconnecting', () => {
  it('stops after the peer broke the protocol, as libzmq does', () => {
    expect(stopsReconnecting(new ProtocolError(ErrorCode.MalformedFrame, 'bad flags'))).toBe(true)
    expect(stopsReconnecting(new ProtocolError(ErrorCode.SocketTypeMismatch, 'PUSH to PUSH'))).toBe(true)
    expect(stopsReconnecting(new PeerError('400'))).toBe(true)
    expect(stopsReconnecting(new AuthError(ErrorCode.AuthFailed, 'refused'))).toBe(true)
    // The peer's bytes failed a check in a library below us: still the peer's doing.
    const systemCause = Object.assign(new Error('invalid frame'), { code: 'WS_ERR_INVALID_OPCODE' })
    expect(stopsReconnecting(wrapped(systemCause))).toBe(true)
  })

  it('goes on after an exception of our own code, wrapped by the engine or not', () => {
    expect(
      stopsReconnecting(wrapped(new TypeError("Cannot read properties of undefined (reading 'x')"))),
    ).toBe(false)
    expect(stopsReconnecting(wrapped(new RangeError('Offset is outside the bounds of the DataView')))).toBe(
      false,
    )
    expect(stopsReconnecting(wrapped(new Error('a plain bug')))).toBe(false)
    expect(stopsReconnecting(new TypeError('x is not a function'))).toBe(false)
    expect(stopsReconnecting(new RangeError('Invalid array length'))).toBe(false)
  })

  it('goes on after transport failures, timeouts and clean closes', () => {
    expect(stopsReconnecting(new TransportError(ErrorCode.ConnectionClosed, 'reset'))).toBe(false)
    expect(stopsReconnecting(new TimeoutError(ErrorCode.HeartbeatTimeout, 'silent'))).toBe(false)
    expect(stopsReconnecting(undefined)).toBe(false)
  })
})
