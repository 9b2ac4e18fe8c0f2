import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Endpoint } from '../src/endpoint/endpoint.js'
import { formatEndpoint, parseEndpoint } from '../src/endpoint/parse.js'
import { EndpointError, ErrorCode } from '../src/errors.js'

function parseError(url: string): EndpointError {
  try {
    parseEndpoint(url)
  } catch (error) {
    expect(error).toBeInstanceOf(EndpointError)
    return error as EndpointError
  }
  throw new Error(`expected ${JSON.stringify(url)} to be rejected`)
}

describe('parseEndpoint: tcp', () => {
  it.each<[string, Endpoint]>([
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
    expect(parseEndpoint(url)).toEqual(expected)
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

describe('parseEndpoint: ipc, inproc, webrtc', () => {
  it.each<[string, Endpoint]>([
    ['ipc:///tmp/feed.sock', { protocol: 'ipc', path: '/tmp/feed.sock', abstract: false }],
    ['ipc://relative/feed', { protocol: 'ipc', path: 'relative/feed', abstract: false }],
    ['ipc://@feed', { protocol: 'ipc', path: 'feed', abstract: true }],
    ['ipc://*', { protocol: 'ipc', path: '*', abstract: false }],
    ['inproc://jobs', { protocol: 'inproc', name: 'jobs' }],
    ['inproc://a/b:c', { protocol: 'inproc', name: 'a/b:c' }],
    ['webrtc://peer-42', { protocol: 'webrtc', peerId: 'peer-42' }],
  ])('%s', (url, expected) => {
    expect(parseEndpoint(url)).toEqual(expected)
  })

  it.each([
    ['ipc://', 'empty ipc path'],
    ['ipc://@', 'empty abstract socket name'],
    ['inproc://', 'empty inproc name'],
    ['webrtc://', 'empty peer id'],
    ['webrtc://peer/1', "peer id must not contain '/'"],
  ])('rejects %s: %s', (url, reason) => {
    expect(parseError(url).message).toContain(reason)
  })
})

describe('parseEndpoint: ws and wss', () => {
  it.each<[string, Endpoint]>([
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
    expect(parseEndpoint(url)).toEqual(expected)
  })

  it.each([
    ['ws://host:70000/', 'port 70000 out of range'],
    ['ws://host:/zmq', "empty port after ':'"],
    ['ws://::1/zmq', 'IPv6 address must be in brackets'],
    ['ws:///zmq', 'missing host'],
    ['wss://host:abc', "got 'abc'"],
    ['ws://host?x=1', "invalid host 'host?x=1'"],
  ])('rejects %s: %s', (url, reason) => {
    expect(parseError(url).message).toContain(reason)
  })
})

describe('parseEndpoint: schemes', () => {
  it.each([
    ['foo://bar', "unknown scheme 'foo'"],
    ['TCP://127.0.0.1:5555', "unknown scheme 'TCP'"],
    ['udp://127.0.0.1:5555', "unknown scheme 'udp'"],
    ['://host:1', 'missing scheme'],
    ['127.0.0.1:5555', "missing '://'"],
    ['tcp:/127.0.0.1:5555', "missing '://'"],
    ['', "missing '://'"],
  ])('rejects %s: %s', (url, reason) => {
    const error = parseError(url)
    expect(error.message.startsWith(`invalid endpoint "${url}": `)).toBe(true)
    expect(error.message).toContain(reason)
  })
})

describe('formatEndpoint', () => {
  it.each([
    ['tcp://127.0.0.1:5555', 'tcp://127.0.0.1:5555'],
    ['tcp://*:0', 'tcp://*:*'],
    ['tcp://[::1]:5555', 'tcp://[::1]:5555'],
    ['ipc:///tmp/x', 'ipc:///tmp/x'],
    ['ipc://@x', 'ipc://@x'],
    ['ipc://*', 'ipc://*'],
    ['inproc://x', 'inproc://x'],
    ['ws://host', 'ws://host:80/'],
    ['wss://[::1]/z?q=1', 'wss://[::1]:443/z?q=1'],
    ['ws://*:*/zmq', 'ws://*:*/zmq'],
    ['webrtc://peer', 'webrtc://peer'],
  ])('%s prints as %s', (url, printed) => {
    expect(formatEndpoint(parseEndpoint(url))).toBe(printed)
  })

  const port = fc.integer({ min: 0, max: 65535 })
  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/)
  const name = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'))
  const ipv4 = fc.ipV4()
  const ipv6 = fc.ipV6()
  const hostAndFamily = fc.oneof(
    fc.constant({ host: '*', ipv6: false }),
    ipv4.map((host) => ({ host, ipv6: false })),
    ipv6.map((host) => ({ host, ipv6: true })),
    // All-numeric names are read as IPv4 and validated as such, so keep generated names non-numeric.
    name.filter((host) => !/^[\d.]+$/.test(host)).map((host) => ({ host, ipv6: false })),
  )
  const text = fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@%/-]{1,30}$/)
  const endpoint: fc.Arbitrary<Endpoint> = fc.oneof(
    fc
      .record({ protocol: fc.constant('tcp' as const), port })
      .chain(({ protocol, port }) => hostAndFamily.map(({ host, ipv6 }) => ({ protocol, host, port, ipv6 }))),
    fc
      .record({
        protocol: fc.constantFrom('ws' as const, 'wss' as const),
        port,
        path: fc.oneof(
          fc.constant('/'),
          text.map((rest) => `/${rest}`),
        ),
      })
      .chain(({ protocol, port, path }) =>
        hostAndFamily.map(({ host, ipv6 }) => ({ protocol, host, port, ipv6, path })),
      ),
    fc.record({
      protocol: fc.constant('ipc' as const),
      path: text.filter((path) => !path.startsWith('@')),
      abstract: fc.constant(false),
    }),
    fc.record({ protocol: fc.constant('ipc' as const), path: text, abstract: fc.constant(true) }),
    fc.record({ protocol: fc.constant('inproc' as const), name: text }),
    fc.record({ protocol: fc.constant('webrtc' as const), peerId: text.filter((id) => !id.includes('/')) }),
  )

  it('parse(format(x)) deep-equals x', () => {
    fc.assert(
      fc.property(endpoint, (value) => {
        expect(parseEndpoint(formatEndpoint(value))).toEqual(value)
      }),
      { seed: 20240601, numRuns: 2000 },
    )
  })
})
