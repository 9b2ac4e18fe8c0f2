import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createFormat, parseDelimiter } from '../src/formats/create-format.js'
import { MessageDecoder } from '../src/formats/decoder.js'
import { FORMAT_NAMES } from '../src/formats/format.js'
import { SOCKET_TYPES } from '../src/socket-types.js'
import { killAll, runToEnd, zmtp } from './cli-process.js'

const dir = mkdtempSync(join(tmpdir(), 'zmtp-cli-'))
afterEach(killAll)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('help', () => {
  for (const name of [
    ...SOCKET_TYPES.map((t) => t.name),
    'monitor',
    'proxy',
    'broker',
    'signal',
    'keygen',
    'bench',
  ]) {
    it(`zmtp ${name} --help shows its options and examples, and exits 0`, async () => {
      const { exit, cli } = await runToEnd([name, '--help'])
      expect(exit.code).toBe(0)
      const help = cli.stdout.toString()
      expect(help).toContain(`Usage: zmtp ${name}`)
      expect(help).toMatch(/Examples:\n {2}.*\bzmtp /)
      expect(help).not.toContain('\u001b[')
    })
  }
})

describe('every format carries arbitrary bytes through two processes', () => {
  for (const name of FORMAT_NAMES.filter((n) => n !== 'text')) {
    it(name, async () => {
      const format = createFormat(name, parseDelimiter('\\t'))
      const messages = fc.sample(fc.array(fc.uint8Array({ maxLength: 64 }), { minLength: 1, maxLength: 4 }), {
        seed: 42,
        numRuns: 25,
      })
      const pull = zmtp(
        'pull',
        '--bind',
        `ipc://${join(dir, `${name}.sock`)}`,
        '--count',
        String(messages.length),
        '--format',
        name,
      )
      // The pusher connects (and retries) while the puller binds.
      const url = `ipc://${join(dir, `${name}.sock`)}`
      const push = zmtp('push', '--connect', url, '--format', name)
      push.end(Buffer.concat(messages.map((m) => format.encode(m))))
      expect((await pull.exited).code).toBe(0)
      const decoder = new MessageDecoder(format)
      const received = [...decoder.push(pull.stdout), ...decoder.end()]
      const hex = (ms: Uint8Array[][]) => ms.map((m) => m.map((f) => Buffer.from(f).toString('hex')))
      expect(hex(received)).toEqual(hex(messages))
    })
  }
})

describe('--delimiter', () => {
  it('splits input and joins output with the delimiters given, escapes included', async () => {
    const pull = zmtp('pull', '--bind', 'tcp://127.0.0.1:*', '--count', '2', '--delimiter', ' | ')
    const url = await pull.bound()
    const push = zmtp('push', '--connect', url, '--delimiter', '\\x1f')
    push.end('a\x1fb\x1f\x1fc\nwhole, with\ttab\n')
    expect((await pull.exited).code).toBe(0)
    expect(pull.lines).toEqual(['a | b |  | c', 'whole, with\ttab'])
  })
})

describe('rep --exec', () => {
  it('serves each request with the output of the command, frames split by the delimiter', async () => {
    const rep = zmtp('rep', '--bind', 'tcp://127.0.0.1:*', '--exec', 'tr a-z A-Z', '--count', '2')
    const url = await rep.bound()
    const { exit, cli } = await runToEnd(
      ['req', '--connect', url, '--format', 'json'],
      '["first","part"]\n["second"]\n',
    )
    expect(exit.code).toBe(0)
    expect(cli.lines).toEqual(['["FIRST","PART"]', '["SECOND"]'])
    expect((await rep.exited).code).toBe(0)
    expect(rep.lines).toEqual(['first\tpart', 'second'])
  })
})

describe('wss://', () => {
  const cert = join(dir, 'cert.pem')
  const key = join(dir, 'key.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  )

  it('binds with a certificate and connects trusting it', async () => {
    const rep = zmtp(
      'rep',
      '--bind',
      'wss://127.0.0.1:*/secure',
      '--tls-cert',
      cert,
      '--tls-key',
      key,
      '--echo',
    )
    const url = await rep.bound()
    expect(url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/secure$/)
    const { exit, cli } = await runToEnd(['req', '--connect', url, '--tls-ca', cert], 'over tls\n')
    expect(exit.code).toBe(0)
    expect(cli.lines).toEqual(['over tls'])
  })
})

describe('monitor', () => {
  it('prints connection and handshake events with timestamps', async () => {
    const pull = zmtp('pull', '--bind', 'tcp://127.0.0.1:*')
    const url = await pull.bound()
    const monitor = zmtp('monitor', url, '--type', 'push', '--count', '2')
    expect((await monitor.exited).code).toBe(0)
    const [connect, handshake] = monitor.lines
    expect(connect).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z connect +${url}$`),
    )
    expect(handshake).toMatch(new RegExp(`Z handshake +${url}$`))
  })

  it('shows retries and a type mismatch as JSON lines', async () => {
    const pub = zmtp('pub', '--bind', 'tcp://127.0.0.1:*')
    const url = await pub.bound()
    const monitor = zmtp('monitor', url, '--type', 'push', '--json', '--count', '2')
    expect((await monitor.exited).code).toBe(0)
    const events = monitor.lines.map((line) => JSON.parse(line))
    expect(events.map((e) => e.type)).toEqual(['connect', 'handshake:error:protocol'])
    expect(events[1].address).toBe(url)
    expect(events[1].error.message).toBeTruthy()
  })
})

describe('proxy', () => {
  it('forwards a pipeline and prints what it forwards with --capture', async () => {
    const proxy = zmtp(
      'proxy',
      '--pattern',
      'pipeline',
      '--frontend',
      '@tcp://127.0.0.1:*',
      '--backend',
      '@tcp://127.0.0.1:*',
      '--capture',
    )
    await proxy.waitStderr(/backend bound/)
    const [front, back] = [...proxy.stderr.matchAll(/bound (\S+)/g)].map((m) => m[1]!)
    const pull = zmtp('pull', '--connect', back!, '--count', '2')
    const push = zmtp('push', '--connect', front!)
    push.end('one\ntwo\tparts\n')
    expect((await pull.exited).code).toBe(0)
    expect(pull.lines).toEqual(['one', 'two\tparts'])
    expect(await proxy.waitLines(2)).toEqual(['one', 'two\tparts'])
  })
})

describe('bench', () => {
  it('measures a loopback link and prints JSON (no progress bar off a terminal)', async () => {
    const { exit, cli } = await runToEnd(['bench', '--count', '200', '--rounds', '20', '--json'])
    expect(exit.code).toBe(0)
    const result = JSON.parse(cli.stdout.toString())
    expect(result).toMatchObject({ size: 64, rounds: 20, messages: 200 })
    expect(result.messagesPerSecond).toBeGreaterThan(0)
    expect(cli.stderr).toBe('')
  })

  it('measures against a separate echo server', async () => {
    const server = zmtp('bench', '--bind', 'ws://127.0.0.1:*/bench')
    await server.waitStderr(/echoing on (\S+)/)
    const url = /echoing on (\S+)/.exec(server.stderr)![1]!
    const { exit, cli } = await runToEnd([
      'bench',
      '--connect',
      url,
      '--count',
      '100',
      '--rounds',
      '10',
      '--size',
      '1024',
    ])
    expect(exit.code).toBe(0)
    expect(cli.stdout.toString()).toMatch(/latency +10 round trips: median \d+ µs/)
  })

  it('exits 3 when nothing echoes', async () => {
    const { exit, cli } = await runToEnd([
      'bench',
      '--connect',
      'tcp://127.0.0.1:1',
      '--timeout',
      '300',
      '--rounds',
      '1',
    ])
    expect(exit.code).toBe(3)
    expect(cli.stderr).toMatch(/no echo from tcp:\/\/127\.0\.0\.1:1 within 300 ms/)
  })
})
