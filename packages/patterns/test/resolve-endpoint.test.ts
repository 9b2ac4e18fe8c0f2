import { EndpointError, ErrorCode, NoTransportError } from '@zmtp/core'
import { tcp } from '@zmtp/transport-tcp'
import { ws } from '@zmtp/transport-ws'
import { afterEach, describe, expect, it } from 'vitest'
import { Pull, Push } from '../src/index.js'
import { resolveEndpoint } from '../src/resolve-endpoint.js'
import { socketTracker } from './helpers.js'

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('resolveEndpoint', () => {
  it('keeps inproc with the socket and hands other schemes to their transport', () => {
    expect(resolveEndpoint('inproc://a/b:c', [], 'connect')).toEqual({ inproc: 'a/b:c' })
    const transport = tcp()
    expect(resolveEndpoint('tcp://127.0.0.1:5555', [transport], 'connect')).toEqual({
      transport,
      endpoint: { protocol: 'tcp', host: '127.0.0.1', port: 5555, ipv6: false },
    })
  })

  it('refuses an empty inproc name', () => {
    const error = thrown(() => resolveEndpoint('inproc://', [], 'bind'))
    expect(error).toBeInstanceOf(EndpointError)
    expect((error as EndpointError).message).toContain('empty inproc name')
  })
})

describe('connect() to an endpoint that can never work', () => {
  const { track, cleanup } = socketTracker()
  afterEach(cleanup)

  it.each([
    ['tcp://*:5555', 'a wildcard host can only be bound'],
    ['tcp://127.0.0.1:*', 'a wildcard or zero port can only be bound'],
    ['tcp://127.0.0.1:0', 'a wildcard or zero port can only be bound'],
    ['ipc://*', 'a wildcard ipc path can only be bound'],
    ['ipc://', 'empty ipc path'],
    ['ws://*:5555/zmq', 'a wildcard host can only be bound'],
    ['ws://127.0.0.1:*/zmq', 'a wildcard or zero port can only be bound'],
    ['inproc://', 'empty inproc name'],
  ])('throws at once for %s: %s', (url, reason) => {
    const push = track(new Push({ transports: [tcp(), ws()] }))
    const error = thrown(() => push.connect(url))
    expect(error).toBeInstanceOf(EndpointError)
    expect((error as EndpointError).code).toBe(ErrorCode.InvalidEndpoint)
    expect((error as EndpointError).message).toContain(reason)
    // Nothing was left behind retrying.
    expect(() => push.disconnect(url)).toThrow(/not connected/)
  })

  it('throws ERR_NO_TRANSPORT naming the scheme and those served, at connect and at bind', async () => {
    const push = track(new Push({ transports: [tcp()] }))
    const error = thrown(() => push.connect('webrtc://peer-1'))
    expect(error).toBeInstanceOf(NoTransportError)
    expect((error as NoTransportError).scheme).toBe('webrtc')
    expect((error as NoTransportError).available).toEqual(expect.arrayContaining(['tcp', 'ipc']))
    const pull = track(new Pull({ transports: [tcp()] }))
    await expect(pull.bind('foo://bar')).rejects.toBeInstanceOf(NoTransportError)
  })

  it('still binds the wildcards it refuses to connect to', async () => {
    const pull = track(new Pull({ transports: [tcp()] }))
    await pull.bind('tcp://127.0.0.1:*')
    expect(pull.lastEndpoint).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/)
  })
})
