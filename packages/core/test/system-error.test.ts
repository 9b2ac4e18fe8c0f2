import { describe, expect, it } from 'vitest'
import { ErrorCode, ProtocolError, TransportError } from '../src/errors.js'
import {
  errnoOf,
  fromSystemError,
  isSystemError,
  type SystemOperation,
  systemErrorCode,
} from '../src/transport/system-error.js'

function systemError(code: string): Error {
  return Object.assign(new Error(`${code} happened`), { code, syscall: 'connect' })
}

describe('fromSystemError', () => {
  it.each<[string, SystemOperation, string]>([
    ['EADDRINUSE', 'bind', ErrorCode.AddressInUse],
    ['EADDRNOTAVAIL', 'bind', ErrorCode.AddressNotAvailable],
    ['EACCES', 'bind', ErrorCode.AddressNotAvailable],
    ['ENOENT', 'bind', ErrorCode.AddressNotAvailable],
    ['ENOTFOUND', 'bind', ErrorCode.AddressNotAvailable],
    ['EINVAL', 'bind', ErrorCode.InvalidArgument],
    ['ERR_SOCKET_BAD_PORT', 'bind', ErrorCode.InvalidArgument],
    ['ESOMETHINGNEW', 'bind', ErrorCode.AddressNotAvailable],
    ['ECONNREFUSED', 'connect', ErrorCode.ConnectionRefused],
    ['ECONNRESET', 'connect', ErrorCode.ConnectionRefused],
    ['EPIPE', 'connect', ErrorCode.ConnectionRefused],
    ['ENOENT', 'connect', ErrorCode.ConnectionRefused],
    ['EACCES', 'connect', ErrorCode.ConnectionRefused],
    ['ETIMEDOUT', 'connect', ErrorCode.Again],
    ['EHOSTUNREACH', 'connect', ErrorCode.HostUnreachable],
    ['ENETUNREACH', 'connect', ErrorCode.HostUnreachable],
    ['ENOTFOUND', 'connect', ErrorCode.HostUnreachable],
    ['ESOMETHINGNEW', 'connect', ErrorCode.ConnectionRefused],
    ['ECONNRESET', 'io', ErrorCode.ConnectionClosed],
    ['EPIPE', 'io', ErrorCode.ConnectionClosed],
    ['EMFILE', 'accept', ErrorCode.ConnectionClosed],
  ])('%s at %s is %s', (errno, operation, code) => {
    const cause = systemError(errno)
    const error = fromSystemError(cause, operation, 'tcp://127.0.0.1:1')
    expect(error).toBeInstanceOf(TransportError)
    expect(error.code).toBe(code)
    expect(error.cause).toBe(cause)
    expect(error.message).toBe(`${operation} tcp://127.0.0.1:1 failed: ${errno} happened`)
    expect(systemErrorCode(cause, operation)).toBe(code)
  })

  it('passes our own errors through unchanged', () => {
    const ours = new ProtocolError(ErrorCode.MalformedFrame, 'bad')
    expect(fromSystemError(ours, 'io', 'x')).toBe(ours)
  })

  it('maps what carries no errno by the operation alone', () => {
    expect(fromSystemError('gone', 'connect', 'x').code).toBe(ErrorCode.ConnectionRefused)
    expect(fromSystemError(new Error('?'), 'bind', 'x').code).toBe(ErrorCode.AddressNotAvailable)
  })

  it('tells system errors from failures of our own code', () => {
    expect(errnoOf(systemError('EPIPE'))).toBe('EPIPE')
    expect(errnoOf(null)).toBeUndefined()
    expect(isSystemError(systemError('ECONNRESET'))).toBe(true)
    expect(isSystemError(new TypeError('x is undefined'))).toBe(false)
    expect(isSystemError(new RangeError('offset out of bounds'))).toBe(false)
  })
})
