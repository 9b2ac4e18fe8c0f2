import { afterEach, describe, expect, it } from 'vitest'
import { killAll, runToEnd, zmtp } from './cli-process.js'

afterEach(killAll)

async function keygen(): Promise<{ publicKey: string; secretKey: string }> {
  const { exit, cli } = await runToEnd(['keygen', '--json'])
  expect(exit.code).toBe(0)
  return JSON.parse(cli.stdout.toString())
}

describe('keygen', () => {
  it('prints a Z85 key pair, a new one each time', async () => {
    const { exit, cli } = await runToEnd(['keygen'])
    expect(exit.code).toBe(0)
    expect(cli.lines).toEqual([
      expect.stringMatching(/^public: \S{40}$/),
      expect.stringMatching(/^secret: \S{40}$/),
    ])
    expect((await keygen()).publicKey).not.toBe(cli.lines[0]!.slice(8))
  })
})

describe('CURVE and PLAIN', () => {
  it('a CURVE server and client with keys from keygen', async () => {
    const server = await keygen()
    const rep = zmtp(
      'rep',
      '--bind',
      'tcp://127.0.0.1:*',
      '--curve-server',
      '--curve-secret-key',
      server.secretKey,
      '--echo',
    )
    const url = await rep.bound()
    const { exit, cli } = await runToEnd(
      ['req', '--connect', url, '--curve-server-key', server.publicKey],
      'sealed\n',
    )
    expect(exit.code).toBe(0)
    expect(cli.lines).toEqual(['sealed'])
  })

  it('a CURVE client whose key is not allowed exits 2', async () => {
    const [server, allowed] = [await keygen(), await keygen()]
    const rep = zmtp(
      'rep',
      '--bind',
      'tcp://127.0.0.1:*',
      '--curve-server',
      '--curve-secret-key',
      server.secretKey,
      '--curve-allow',
      allowed.publicKey,
      '--echo',
    )
    const url = await rep.bound()
    const { exit, cli } = await runToEnd(
      ['req', '--connect', url, '--curve-server-key', server.publicKey],
      'x\n',
    )
    expect(exit.code).toBe(2)
    expect(cli.stderr).toContain(`handshake with ${url} failed`)
  })

  it('PLAIN lets in the allowed user and refuses a wrong password with exit 2', async () => {
    const rep = zmtp(
      'rep',
      '--bind',
      'tcp://127.0.0.1:*',
      '--plain-server',
      '--plain-allow',
      'ann:secret',
      '--echo',
    )
    const url = await rep.bound()
    const good = await runToEnd(
      ['req', '--connect', url, '--plain-user', 'ann', '--plain-password', 'secret'],
      'hi\n',
    )
    expect(good.exit.code).toBe(0)
    expect(good.cli.lines).toEqual(['hi'])
    const bad = await runToEnd(
      ['req', '--connect', url, '--plain-user', 'ann', '--plain-password', 'guess'],
      'hi\n',
    )
    expect(bad.exit.code).toBe(2)
    expect(bad.cli.stderr).toMatch(/fix: use the security mechanism and credentials the peer expects/)
  })

  it('refuses a key that is not Z85 and a PLAIN server without credentials (exit 1)', async () => {
    const badKey = await runToEnd(['req', '--connect', 'tcp://127.0.0.1:9', '--curve-server-key', 'short'])
    expect(badKey.exit.code).toBe(1)
    expect(badKey.cli.stderr).toMatch(/--curve-server-key is not a CURVE key/)
    const noAllow = await runToEnd(['rep', '--bind', 'tcp://127.0.0.1:*', '--plain-server', '--echo'])
    expect(noAllow.exit.code).toBe(1)
    expect(noAllow.cli.stderr).toMatch(/--plain-server needs --plain-allow/)
  })
})
