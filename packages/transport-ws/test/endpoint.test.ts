import { EndpointError, ErrorCode } from '@zmtp/core'
import { hostPortArbitrary, urlTextArbitrary } from '@zmtp/transport-contract'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ws as browserWs } from '../src/browser.js'
import { formatWsEndpoint, parseWsEndpoint, type WsEndpoint, ws } from '../src/index.js'

function parseError(url: string, use?: 'bind' | 'connect'): EndpointError {
  try {
    parseWsEndpoint(url, use)
  } catch (error) {
    expect(error).toBeInstanceOf(EndpointError)
    return error as EndpointError
  }
  throw new Error(`expected ${JSON.stringify(url)} to be rejected`)
}

describe('parseWsEndpoint', () => {
  it.each<[string, WsEndpoint]>([
    ['ws://example.com', { protocol: 'ws', host: 'example.com', port: 80, ipv6: false, path: '/' }],
    ['wss://example.com', { protocol: 'wss', host: 'example.com', port: 443, ipv6: false, path: '/' }],
    ['ws://127.0.0.1:8080/zmq', { protocol: 'ws', host: '127.0.0.1', port: 8080, ipv6: false, path: '/zmq' }],
    ['ws://*:*/zmq', { protocol: 'ws', host: '*', port: 0, ipv6: false, path: '/zmq' }],
    ['ws://*:0', { protocol: 'ws', host: '*', port: 0, ipv6: false, path: '/' }],
    ['wss://[::1]/a/b', { protocol: 'wss', host: '::1', port: 443, ipv6: true, path: '/a/b' }],
    ['wss://[::1]:9443/', { protocol: 'wss', host: '::1', port: 9443, ipv6: true, path: '/' }],
    [
      'ws://h:1/p?token=a:b/c#x',
      { protocol: 'ws', host: 'h', port: 1, ipv6: false, path: '/p?token=a:b/c#x' },
    ],
  ])('%s', (url, expected) => {
    expect(parseWsEndpoint(url)).toEqual(expected)
  })

  it.each([
    ['ws://host:70000/', 'port 70000 out of range'],
    ['ws://host:/zmq', "empty port after ':'"],
    ['ws://::1/zmq', 'IPv6 address must be in brackets'],
    ['ws:///zmq', 'missing host'],
    ['wss://host:abc', "got 'abc'"],
    ['ws://host?x=1', "invalid host 'host?x=1'"],
    ['tcp://host:1', "scheme 'tcp' is not ws or wss"],
  ])('rejects %s: %s', (url, reason) => {
    expect(parseError(url).message).toContain(reason)
  })

  it.each([
    ['ws://*:5555/zmq', 'a wildcard host can only be bound'],
    ['ws://*/zmq', 'a wildcard host can only be bound'],
    ['ws://127.0.0.1:*/zmq', 'a wildcard or zero port can only be bound'],
    ['wss://[::1]:0/', 'a wildcard or zero port can only be bound'],
  ])('refuses to connect to %s: %s', (url, reason) => {
    const error = parseError(url, 'connect')
    expect(error.code).toBe(ErrorCode.InvalidEndpoint)
    expect(error.message).toContain(reason)
    expect(parseWsEndpoint(url, 'bind')).toEqual(parseWsEndpoint(url))
  })

  it('is what both builds of the transport parse and print with', () => {
    for (const transport of [ws(), browserWs()]) {
      expect(transport.protocols).toEqual(['ws', 'wss'])
      expect(transport.parse('ws://h/x', 'connect')).toEqual(parseWsEndpoint('ws://h/x'))
      expect(transport.format(parseWsEndpoint('wss://h'))).toBe('wss://h:443/')
    }
  })
})

describe('formatWsEndpoint', () => {
  it.each([
    ['ws://host', 'ws://host:80/'],
    ['wss://[::1]/z?q=1', 'wss://[::1]:443/z?q=1'],
    ['ws://*:*/zmq', 'ws://*:*/zmq'],
  ])('%s prints as %s', (url, printed) => {
    expect(formatWsEndpoint(parseWsEndpoint(url))).toBe(printed)
  })

  const endpoint: fc.Arbitrary<WsEndpoint> = fc
    .record({
      protocol: fc.constantFrom('ws' as const, 'wss' as const),
      address: hostPortArbitrary,
      path: fc.oneof(
        fc.constant('/'),
        urlTextArbitrary.map((rest) => `/${rest}`),
      ),
    })
    .map(({ protocol, address, path }) => ({ protocol, ...address, path }))

  it('parse(format(x)) deep-equals x', () => {
    fc.assert(
      fc.property(endpoint, (value) => {
        expect(parseWsEndpoint(formatWsEndpoint(value))).toEqual(value)
      }),
      { seed: 20240601, numRuns: 2000 },
    )
  })
})
