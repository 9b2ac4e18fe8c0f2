import { afterEach, describe, expect, it } from 'vitest'
import type { Endpoint, EndpointUse } from '../src/endpoint/endpoint.js'
import { splitEndpointUrl } from '../src/endpoint/url.js'
import { EndpointError, ErrorCode, NoTransportError, TransportError } from '../src/errors.js'
import {
  findTransport,
  registerTransport,
  resolveTransport,
  unregisterTransport,
} from '../src/transport/registry.js'
import type { Transport } from '../src/transport/transport.js'

interface NamedEndpoint extends Endpoint {
  name: string
  use: EndpointUse | undefined
}

/** A transport that only parses: `scheme://name`, refusing an empty name or '*' to connect to. */
function fakeTransport(name: string, protocols: string[]): Transport<NamedEndpoint> {
  const unused = () => Promise.reject(new Error(`${name} is a test double`))
  return {
    name,
    protocols,
    parse(url, use) {
      const { scheme, rest } = splitEndpointUrl(url)
      if (rest === '') throw new EndpointError(url, 'empty name')
      if (use === 'connect' && rest === '*') throw new EndpointError(url, 'a wildcard can only be bound')
      return { protocol: scheme, name: rest, use }
    },
    format: (endpoint) => `${endpoint.protocol}://${endpoint.name}`,
    listen: unused,
    dial: unused,
  }
}

// The registry is process-wide: undo every registration so tests stay independent of their order.
const registered: Transport[] = []
function register(transport: Transport): Transport {
  registered.push(transport)
  registerTransport(transport)
  return transport
}
afterEach(() => {
  for (const transport of registered.splice(0)) unregisterTransport(transport)
})

function noTransport(protocol: string, local?: readonly Transport[]): TransportError {
  try {
    findTransport(protocol, local)
  } catch (error) {
    expect(error).toBeInstanceOf(TransportError)
    return error as TransportError
  }
  throw new Error(`expected no transport for ${protocol}`)
}

describe('transport registry', () => {
  it('finds a registered transport under each of its schemes', () => {
    const tcp = register(fakeTransport('tcp', ['tcp', 'ipc']))
    expect(findTransport('tcp')).toBe(tcp)
    expect(findTransport('ipc')).toBe(tcp)
  })

  it('throws ERR_NO_TRANSPORT naming the scheme when nothing serves it', () => {
    register(fakeTransport('tcp', ['tcp']))
    const error = noTransport('ws')
    expect(error.code).toBe(ErrorCode.NoTransport)
    expect(error.message).toContain('"ws://"')
  })

  it('prefers local transports over registered ones', () => {
    register(fakeTransport('global', ['tcp', 'ws']))
    const local = fakeTransport('local', ['tcp'])
    expect(findTransport('tcp', [local])).toBe(local)
    expect(findTransport('ws', [local]).name).toBe('global')
  })

  it('takes the first matching local transport', () => {
    const first = fakeTransport('first', ['ws'])
    const second = fakeTransport('second', ['ws', 'wss'])
    expect(findTransport('ws', [first, second])).toBe(first)
    expect(findTransport('wss', [first, second])).toBe(second)
  })

  it('serves a scheme from local transports alone, without any registration', () => {
    const local = fakeTransport('local', ['inproc'])
    expect(findTransport('inproc', [local])).toBe(local)
    expect(noTransport('inproc').code).toBe(ErrorCode.NoTransport)
  })

  it('lets a later registration replace an earlier one for the same scheme', () => {
    const older = register(fakeTransport('older', ['tcp', 'ipc']))
    const newer = register(fakeTransport('newer', ['tcp']))
    expect(findTransport('tcp')).toBe(newer)
    expect(findTransport('ipc')).toBe(older)
  })

  it('unregisters every scheme of a transport and reports whether it removed one', () => {
    const tcp = register(fakeTransport('tcp', ['tcp', 'ipc']))
    expect(unregisterTransport(tcp)).toBe(true)
    expect(noTransport('tcp').code).toBe(ErrorCode.NoTransport)
    expect(noTransport('ipc').code).toBe(ErrorCode.NoTransport)
    expect(unregisterTransport(tcp)).toBe(false)
  })

  it('leaves other transports registered when one is removed', () => {
    const older = register(fakeTransport('older', ['tcp', 'ipc']))
    const newer = register(fakeTransport('newer', ['tcp']))
    expect(unregisterTransport(older)).toBe(true)
    expect(findTransport('tcp')).toBe(newer)
    expect(noTransport('ipc').code).toBe(ErrorCode.NoTransport)
  })

  it('does not resurrect a replaced registration when the replacement is removed', () => {
    register(fakeTransport('older', ['tcp']))
    const newer = register(fakeTransport('newer', ['tcp']))
    unregisterTransport(newer)
    expect(noTransport('tcp').code).toBe(ErrorCode.NoTransport)
  })

  it('lists the schemes that are served in ERR_NO_TRANSPORT', () => {
    register(fakeTransport('tcp', ['tcp', 'ipc']))
    const error = noTransport('webrtc', [fakeTransport('ws', ['ws', 'wss'])])
    expect(error).toBeInstanceOf(NoTransportError)
    expect((error as NoTransportError).scheme).toBe('webrtc')
    expect((error as NoTransportError).available).toEqual(['ws', 'wss', 'tcp', 'ipc'])
    expect(error.message).toContain('"webrtc://"')
    expect(error.message).toContain('ws://, wss://, tcp://, ipc://')
  })

  it('is matched by exact scheme, without "://"', () => {
    register(fakeTransport('tcp', ['tcp']))
    expect(noTransport('tcp://').code).toBe(ErrorCode.NoTransport)
    expect(noTransport('TCP').code).toBe(ErrorCode.NoTransport)
  })
})

describe('resolveTransport', () => {
  it('lets the transport serving the scheme parse the URL, for the use given', () => {
    const global = register(fakeTransport('global', ['a', 'b']))
    const local = fakeTransport('local', ['b'])
    expect(resolveTransport('a://x', 'bind', [local])).toEqual({
      transport: global,
      endpoint: { protocol: 'a', name: 'x', use: 'bind' },
    })
    const resolved = resolveTransport('b://y', 'connect', [local])
    expect(resolved.transport).toBe(local)
    expect(resolved.endpoint).toEqual({ protocol: 'b', name: 'y', use: 'connect' })
  })

  it('passes on what the transport refuses', () => {
    register(fakeTransport('a', ['a']))
    expect(() => resolveTransport('a://', 'bind')).toThrow(EndpointError)
    expect(resolveTransport('a://*', 'bind').endpoint).toMatchObject({ name: '*' })
    expect(() => resolveTransport('a://*', 'connect')).toThrow(/a wildcard can only be bound/)
  })

  it.each([
    ['foo://bar', 'foo'],
    ['TCP://127.0.0.1:5555', 'TCP'],
    ['udp://127.0.0.1:5555', 'udp'],
  ])('refuses %s: no transport serves %s', (url, scheme) => {
    register(fakeTransport('tcp', ['tcp']))
    let caught: unknown
    try {
      resolveTransport(url, 'connect')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(NoTransportError)
    expect((caught as NoTransportError).code).toBe(ErrorCode.NoTransport)
    expect((caught as NoTransportError).message).toContain(`"${scheme}://"`)
  })

  it.each([
    ['://host:1', 'missing scheme'],
    ['127.0.0.1:5555', "missing '://'"],
  ])('refuses %s before looking for a transport: %s', (url, reason) => {
    expect(() => resolveTransport(url)).toThrow(EndpointError)
    expect(() => resolveTransport(url)).toThrow(reason)
  })
})
