import { EndpointError, ErrorCode } from '@zmtp/core'
import { hostPortArbitrary, urlTextArbitrary } from '@zmtp/transport-contract'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatTcpEndpoint, parseTcpEndpoint, type TcpTransportEndpoint, tcp } from '../src/index.js'

function parseError(url: string, use?: 'bind' | 'connect'): EndpointError {
  try {
    parseTcpEndpoint(url, use)
  } catch (error) {
    expect(error).toBeInstanceOf(EndpointError)
    return error as EndpointError
  }
  throw new Error(`expected ${JSON.stringify(url)} to be rejected`)
}

describe('parseTcpEndpoint: tcp', () => {
  it.each<[string, TcpTransportEndpoint]>([
    ['tcp://127.0.0.1:5555', { protocol: 'tcp', host: '127.0.0.1', port: 5555, ipv6: false }],
    ['tcp://*:5555', { protocol: 'tcp', host: '*', port: 5555, ipv6: false }],
    ['tcp://*:*', { protocol: 'tcp', host: '*', port: 0, ipv6: false }],
    ['tcp://localhost:0', { protocol: 'tcp', host: 'localhost', port: 0, ipv6: false }],
    ['tcp://broker.example.com:1', { protocol: 'tcp', host: 'broker.example.com', port: 1, ipv6: false }],
    ['tcp://eth0:65535', { protocol: 'tcp', host: 'eth0', port: 65535, ipv6: false }],
    ['tcp://[::1]:5555', { protocol: 'tcp', host: '::1', port: 5555, ipv6: true }],
    ['tcp://[::]:*', { protocol: 'tcp', host: '::', port: 0, ipv6: true }],
    ['tcp://[fe80::1%eth0]:80', { protocol: 'tcp', host: 'fe80::1%eth0', port: 80, ipv6: true }],
    ['tcp://[::ffff:10.0.0.1]:80', { protocol: 'tcp', host: '::ffff:10.0.0.1', port: 80, ipv6: true }],
    ['tcp://[1:2:3:4:5:6:7:8]:80', { protocol: 'tcp', host: '1:2:3:4:5:6:7:8', port: 80, ipv6: true }],
  ])('%s', (url, expected) => {
    expect(parseTcpEndpoint(url)).toEqual(expected)
  })

  it.each([
    ['tcp://127.0.0.1', 'missing port'],
    ['tcp://127.0.0.1:', 'missing port'],
    ['tcp://[::1]', 'missing port'],
    ['tcp://host:70000', 'port 70000 out of range'],
    ['tcp://host:99999999999999999999999', 'port 99999999999999999999999 out of range'],
    ['tcp://host:0x10', "port must be a decimal number or '*', got '0x10'"],
    ['tcp://host:-1', "port must be a decimal number or '*', got '-1'"],
    ['tcp://host:5555/path', 'tcp endpoints take no path'],
    ['tcp://::1:5555', 'IPv6 address must be in brackets'],
    ['tcp://fe80::1', 'IPv6 address must be in brackets'],
    ['tcp://[::1:5555', "missing ']'"],
    ['tcp://[::1]5555', "unexpected '5555' after the IPv6 address"],
    ['tcp://[1::2::3]:5555', "invalid IPv6 address '1::2::3'"],
    ['tcp://[12345::]:5555', 'invalid IPv6 address'],
    ['tcp://[1:2:3:4:5:6:7:8:9]:5555', 'invalid IPv6 address'],
    ['tcp://[1:2:3:4:5:6:7]:5555', 'invalid IPv6 address'],
    // '::' stands for at least one zero group, so it cannot join eight explicit groups.
    ['tcp://[1:2:3:4::5:6:7:8]:5555', 'invalid IPv6 address'],
    ['tcp://[::1.2.3.4:5]:5555', 'invalid IPv6 address'],
    ['tcp://[::1%]:5555', 'invalid IPv6 address'],
    ['tcp://[]:5555', 'invalid IPv6 address'],
    ['tcp://:5555', 'missing host'],
    ['tcp://256.0.0.1:5555', "invalid IPv4 address '256.0.0.1'"],
    ['tcp://1.2.3:5555', 'invalid IPv4 address'],
    ['tcp://bad host:5555', "invalid host 'bad host'"],
    ['tcp://user@host:5555', 'invalid host'],
    ['tcp://10.0.0.1;10.0.0.2:5555', "source-address form 'src;dst' is not supported"],
    ['tcp://10.0.0.1:4000;10.0.0.2:5555', 'not supported'],
  ])('rejects %s: %s', (url, reason) => {
    const error = parseError(url)
    expect(error.code).toBe(ErrorCode.InvalidEndpoint)
    expect(error.endpoint).toBe(url)
    expect(error.message).toContain(reason)
  })
})

describe('parseTcpEndpoint: ipc', () => {
  it.each<[string, TcpTransportEndpoint]>([
    ['ipc:///tmp/feed.sock', { protocol: 'ipc', path: '/tmp/feed.sock', abstract: false }],
    ['ipc://relative/feed', { protocol: 'ipc', path: 'relative/feed', abstract: false }],
    ['ipc://@feed', { protocol: 'ipc', path: 'feed', abstract: true }],
    ['ipc://*', { protocol: 'ipc', path: '*', abstract: false }],
  ])('%s', (url, expected) => {
    expect(parseTcpEndpoint(url)).toEqual(expected)
  })

  it.each([
    ['ipc://', 'empty ipc path'],
    ['ipc://@', 'empty abstract socket name'],
  ])('rejects %s: %s', (url, reason) => {
    expect(parseError(url).message).toContain(reason)
  })
})

describe('parseTcpEndpoint for connect', () => {
  it.each([
    ['tcp://*:5555', 'a wildcard host can only be bound'],
    ['tcp://*:*', 'a wildcard host can only be bound'],
    ['tcp://127.0.0.1:*', 'a wildcard or zero port can only be bound'],
    ['tcp://127.0.0.1:0', 'a wildcard or zero port can only be bound'],
    ['tcp://[::1]:*', 'a wildcard or zero port can only be bound'],
    ['ipc://*', 'a wildcard ipc path can only be bound'],
    ['ipc://', 'empty ipc path'],
  ])('refuses %s: %s', (url, reason) => {
    const error = parseError(url, 'connect')
    expect(error.code).toBe(ErrorCode.InvalidEndpoint)
    expect(error.message).toContain(reason)
  })

  it.each(['tcp://*:5555', 'tcp://127.0.0.1:*', 'ipc://*'])('binds %s', (url) => {
    expect(parseTcpEndpoint(url, 'bind')).toEqual(parseTcpEndpoint(url))
  })

  it.each(['tcp://127.0.0.1:5555', 'tcp://[::1]:1', 'ipc:///tmp/x', 'ipc://@x'])('connects to %s', (url) => {
    expect(parseTcpEndpoint(url, 'connect')).toEqual(parseTcpEndpoint(url))
  })

  it('refuses a scheme it does not serve', () => {
    expect(parseError('ws://127.0.0.1:1/').message).toContain("scheme 'ws' is not tcp or ipc")
    expect(parseError('TCP://127.0.0.1:1').message).toContain("scheme 'TCP'")
  })

  it('is what the transport parses and prints with', () => {
    const transport = tcp()
    expect(transport.protocols).toEqual(['tcp', 'ipc'])
    expect(transport.parse('tcp://[::1]:5')).toEqual(parseTcpEndpoint('tcp://[::1]:5'))
    expect(transport.format({ protocol: 'ipc', path: 'x', abstract: true })).toBe('ipc://@x')
  })
})

describe('formatTcpEndpoint', () => {
  it.each([
    ['tcp://127.0.0.1:5555', 'tcp://127.0.0.1:5555'],
    ['tcp://*:0', 'tcp://*:*'],
    ['tcp://[::1]:5555', 'tcp://[::1]:5555'],
    ['ipc:///tmp/x', 'ipc:///tmp/x'],
    ['ipc://@x', 'ipc://@x'],
    ['ipc://*', 'ipc://*'],
  ])('%s prints as %s', (url, printed) => {
    expect(formatTcpEndpoint(parseTcpEndpoint(url))).toBe(printed)
  })

  const text = urlTextArbitrary
  const endpoint: fc.Arbitrary<TcpTransportEndpoint> = fc.oneof(
    hostPortArbitrary.map((address) => ({ protocol: 'tcp' as const, ...address })),
    fc.record({
      protocol: fc.constant('ipc' as const),
      path: text.filter((path) => !path.startsWith('@')),
      abstract: fc.constant(false),
    }),
    fc.record({ protocol: fc.constant('ipc' as const), path: text, abstract: fc.constant(true) }),
  )

  it('parse(format(x)) deep-equals x', () => {
    fc.assert(
      fc.property(endpoint, (value) => {
        expect(parseTcpEndpoint(formatTcpEndpoint(value))).toEqual(value)
      }),
      { seed: 20240601, numRuns: 2000 },
    )
  })
})
