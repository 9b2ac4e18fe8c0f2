import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatHostPort, type HostPort, parseHostPort, wildcardProblem } from '../src/endpoint/host-port.js'
import { endpointRest, splitEndpointUrl } from '../src/endpoint/url.js'
import { EndpointError, ErrorCode } from '../src/errors.js'

function rejection(run: () => unknown): EndpointError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(EndpointError)
    return error as EndpointError
  }
  throw new Error('expected a rejection')
}

describe('splitEndpointUrl', () => {
  it.each([
    ['tcp://127.0.0.1:5555', 'tcp', '127.0.0.1:5555'],
    ['inproc://a/b:c', 'inproc', 'a/b:c'],
    ['webrtc://peer-42', 'webrtc', 'peer-42'],
    ['ipc://', 'ipc', ''],
    ['TCP://x', 'TCP', 'x'],
  ])('%s', (url, scheme, rest) => {
    expect(splitEndpointUrl(url)).toEqual({ scheme, rest })
  })

  it.each([
    ['://host:1', 'missing scheme'],
    ['127.0.0.1:5555', "missing '://'"],
    ['tcp:/127.0.0.1:5555', "missing '://'"],
    ['', "missing '://'"],
  ])('rejects %s: %s', (url, reason) => {
    const error = rejection(() => splitEndpointUrl(url))
    expect(error.code).toBe(ErrorCode.InvalidEndpoint)
    expect(error.message.startsWith(`invalid endpoint "${url}": `)).toBe(true)
    expect(error.message).toContain(reason)
  })

  it('endpointRest accepts only the schemes given', () => {
    expect(endpointRest('ws://h', ['ws', 'wss'])).toEqual({ scheme: 'ws', rest: 'h' })
    expect(rejection(() => endpointRest('tcp://h:1', ['ws', 'wss'])).message).toContain(
      "scheme 'tcp' is not ws or wss",
    )
  })
})

describe('parseHostPort', () => {
  const url = 'x://authority'
  it.each<[string, number | undefined, HostPort]>([
    ['127.0.0.1:5555', undefined, { host: '127.0.0.1', port: 5555, ipv6: false }],
    ['*:*', undefined, { host: '*', port: 0, ipv6: false }],
    ['[::1]:5555', undefined, { host: '::1', port: 5555, ipv6: true }],
    ['[fe80::1%eth0]:80', undefined, { host: 'fe80::1%eth0', port: 80, ipv6: true }],
    ['example.com', 80, { host: 'example.com', port: 80, ipv6: false }],
    ['[::1]', 443, { host: '::1', port: 443, ipv6: true }],
  ])('%s (default port %s)', (authority, defaultPort, expected) => {
    expect(parseHostPort(url, authority, defaultPort)).toEqual(expected)
  })

  it.each([
    ['127.0.0.1', undefined, 'missing port'],
    ['host:', 80, "empty port after ':'"],
    ['host:70000', undefined, 'port 70000 out of range'],
    ['host:0x10', undefined, "port must be a decimal number or '*', got '0x10'"],
    ['::1:5555', undefined, 'IPv6 address must be in brackets'],
    ['[::1:5555', undefined, "missing ']'"],
    ['[1::2::3]:5555', undefined, "invalid IPv6 address '1::2::3'"],
    [':5555', undefined, 'missing host'],
    ['256.0.0.1:5555', undefined, "invalid IPv4 address '256.0.0.1'"],
    ['bad host:5555', undefined, "invalid host 'bad host'"],
  ])('rejects %s: %s', (authority, defaultPort, reason) => {
    const error = rejection(() => parseHostPort(url, authority, defaultPort))
    expect(error.endpoint).toBe(url)
    expect(error.message).toContain(reason)
  })

  it('names what can only be bound', () => {
    expect(wildcardProblem({ host: '*', port: 1, ipv6: false })).toContain('wildcard host')
    expect(wildcardProblem({ host: 'h', port: 0, ipv6: false })).toContain('port')
    expect(wildcardProblem({ host: '::1', port: 1, ipv6: true })).toBeUndefined()
  })

  const hostPort: fc.Arbitrary<HostPort> = fc
    .record({
      port: fc.integer({ min: 0, max: 65535 }),
      family: fc.oneof(
        fc.constant({ host: '*', ipv6: false }),
        fc.ipV4().map((host) => ({ host, ipv6: false })),
        fc.ipV6().map((host) => ({ host, ipv6: true })),
      ),
    })
    .map(({ port, family }) => ({ ...family, port }))

  it('parseHostPort(formatHostPort(x)) deep-equals x', () => {
    fc.assert(
      fc.property(hostPort, (value) => {
        expect(parseHostPort(url, formatHostPort(value))).toEqual(value)
      }),
      { seed: 20240601, numRuns: 1000 },
    )
  })
})
