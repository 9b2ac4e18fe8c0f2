import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { BIN, killAll, runToEnd, zmtp } from './cli-process.js'

afterEach(killAll)

describe('exit codes', () => {
  it('0 after --count messages', async () => {
    const pull = zmtp('pull', '--bind', 'tcp://127.0.0.1:*', '--count', '2')
    const url = await pull.bound()
    const push = zmtp('push', '--connect', url)
    push.end('one\ntwo\nthree\n')
    expect((await pull.exited).code).toBe(0)
    expect(pull.lines).toEqual(['one', 'two'])
  })

  it('3 when --timeout passes, naming the endpoint that could not be reached', async () => {
    const { exit, cli } = await runToEnd(['sub', '--connect', 'tcp://127.0.0.1:1', '--timeout', '300ms'])
    expect(exit.code).toBe(3)
    expect(cli.stderr).toMatch(
      /nothing received within 300 ms; could not reach tcp:\/\/127\.0\.0\.1:1 \(.*ECONNREFUSED/,
    )
    expect(cli.stderr).toMatch(/fix: start the peer/)
  })

  it('3 when a request gets no reply in time', async () => {
    // A REP with no --echo or --exec and no input to answer with never replies.
    const silent = zmtp('rep', '--bind', 'tcp://127.0.0.1:*')
    const silentUrl = await silent.bound()
    const { exit, cli } = await runToEnd(['req', '--connect', silentUrl, '--timeout', '400'], 'anyone?\n')
    expect(exit.code).toBe(3)
    expect(cli.stderr).toMatch(/nothing received within 400 ms/)
  })

  it('2 when the peer is of a type that does not pair, with the types that do', async () => {
    const pub = zmtp('pub', '--bind', 'tcp://127.0.0.1:*', '--data', 'x', '--interval', '50')
    const url = await pub.bound()
    const { exit, cli } = await runToEnd(['pull', '--connect', url])
    expect(exit.code).toBe(2)
    expect(cli.stderr).toContain(`handshake with ${url} failed`)
    expect(cli.stderr).toMatch(/a pull socket talks to push/)
  })

  it('2 when the address is taken, with the fix', async () => {
    const first = zmtp('pull', '--bind', 'tcp://127.0.0.1:*')
    const url = await first.bound()
    const { exit, cli } = await runToEnd(['pull', '--bind', url])
    expect(exit.code).toBe(2)
    expect(cli.stderr).toContain(`cannot bind ${url}`)
    expect(cli.stderr).toMatch(/fix: .*bind port \* for a free one/)
  })
})

describe('bad command lines exit 1 and say what to do', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'an unknown socket type',
      ['pusher', '--bind', 'tcp://127.0.0.1:*'],
      /unknown command 'pusher'.*\n.*Did you mean push/,
    ],
    ['an unknown option', ['pull', '--bind', 'tcp://127.0.0.1:*', '--colour'], /unknown option '--colour'/],
    [
      'an option of another socket type',
      ['push', '--connect', 'tcp://127.0.0.1:9', '--subscribe', 'x'],
      /unknown option '--subscribe'/,
    ],
    [
      'a malformed URL',
      ['pull', '--connect', 'tcp//127.0.0.1:5555'],
      /cannot connect 'tcp\/\/127\.0\.0\.1:5555'.*\n.*fix: write it as tcp:\/\/host:port/,
    ],
    [
      'an unknown scheme',
      ['pull', '--bind', 'udp://127.0.0.1:5555'],
      /cannot bind 'udp:\/\/127\.0\.0\.1:5555'/,
    ],
    ['no endpoint', ['pull'], /pull needs an endpoint\n.*add --bind URL or --connect URL/],
    [
      'a bad number',
      ['pull', '--bind', 'tcp://127.0.0.1:*', '--count', 'many'],
      /option '-n, --count <n>' argument 'many' is invalid/,
    ],
    [
      'a bad duration',
      ['sub', '--connect', 'tcp://127.0.0.1:9', '--timeout', 'soon'],
      /expected a duration such as 500/,
    ],
    [
      'an unknown format',
      ['pull', '--bind', 'tcp://127.0.0.1:*', '--format', 'yaml'],
      /unknown format 'yaml'/,
    ],
    [
      '--echo with --exec',
      ['rep', '--bind', 'tcp://127.0.0.1:*', '--echo', '--exec', 'cat'],
      /--echo and --exec exclude each other/,
    ],
  ]
  for (const [what, args, pattern] of cases) {
    it(what, async () => {
      const { exit, cli } = await runToEnd(args)
      expect(exit.code).toBe(1)
      expect(cli.stderr).toMatch(pattern)
    })
  }

  it('binary input in text mode names the line and the formats for binary', async () => {
    const pull = zmtp('pull', '--bind', 'tcp://127.0.0.1:*', '--count', '1')
    const url = await pull.bound()
    const push = zmtp('push', '--connect', url)
    push.end(Buffer.from([0x6f, 0x6b, 0x0a, 0xff, 0xfe, 0x00, 0x0a]))
    expect((await push.exited).code).toBe(1)
    expect(push.stderr).toMatch(
      /stdin: line 2 is not UTF-8 text; read binary input with --format quoted, hex, base64 or raw/,
    )
    // The line before it went out.
    expect((await pull.exited).code).toBe(0)
    expect(pull.lines).toEqual(['ok'])
  })
})

describe('stopping', () => {
  it('a closed stdout (zmtp sub | head -1) ends the run cleanly', async () => {
    const pub = zmtp('pub', '--bind', 'tcp://127.0.0.1:*', '--data', 'tick', '--interval', '5')
    const url = await pub.bound()
    const shell = spawn('/bin/bash', [
      '-c',
      `set -o pipefail; "${process.execPath}" "${BIN}" sub --connect ${url} | head -1`,
    ])
    let out = ''
    let err = ''
    shell.stdout.on('data', (chunk: Buffer) => (out += chunk))
    shell.stderr.on('data', (chunk: Buffer) => (err += chunk))
    const code = await new Promise((resolve) => shell.on('close', resolve))
    expect(out).toBe('tick\n')
    expect(err).toBe('')
    expect(code).toBe(0)
  })

  it('SIGINT closes the sockets, lets queued messages leave, and exits 130', async () => {
    const pull = zmtp('pull', '--bind', 'tcp://127.0.0.1:*', '--count', '3')
    const url = await pull.bound()
    const push = zmtp('push', '--connect', url, '--linger', '2s')
    push.write('1\n2\n3\n')
    await pull.waitLines(1)
    push.child.kill('SIGINT')
    expect(await push.exited).toEqual({ code: 130, signal: null })
    expect((await pull.exited).code).toBe(0)
    expect(pull.lines).toEqual(['1', '2', '3'])
  })

  it('SIGINT on a receiver waiting for ever exits 130', async () => {
    const sub = zmtp('sub', '--bind', 'tcp://127.0.0.1:*')
    await sub.bound()
    sub.child.kill('SIGINT')
    expect(await sub.exited).toEqual({ code: 130, signal: null })
  })
})
