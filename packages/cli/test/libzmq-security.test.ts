import { decodeCurveKey } from '@zmtp/core'
import { type LibzmqPeer, type LibzmqSocket, requireLibzmq, startLibzmq } from '@zmtp/test-peers'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { killAll, runToEnd, zmtp } from './cli-process.js'

/** libzmq 4.3.4 speaks ws:// (not wss://); one path segment, as its client sends. */
const TRANSPORTS = { tcp: 'tcp://127.0.0.1:*', ws: 'ws://127.0.0.1:*/zmq' } as const

const text = (frames: Uint8Array[]) => frames.map((frame) => Buffer.from(frame).toString())

interface KeyPair {
  publicKey: string
  secretKey: string
}

/** A key pair from `zmtp keygen --json`, as a user would make one. */
async function keygen(): Promise<KeyPair> {
  const { exit, cli } = await runToEnd(['keygen', '--json'])
  expect(exit.code).toBe(0)
  return JSON.parse(cli.stdout.toString()) as KeyPair
}

describe.skipIf(requireLibzmq() === 'skip')('zmtp CURVE and PLAIN against libzmq (pyzmq)', () => {
  let peer: LibzmqPeer
  let server: KeyPair
  let client: KeyPair
  let stranger: KeyPair
  const sockets: LibzmqSocket[] = []
  const socket = async (type: 'REQ' | 'REP'): Promise<LibzmqSocket> => {
    const made = await peer.socket(type)
    sockets.push(made)
    return made
  }
  /** A libzmq REQ that speaks CURVE to the zmtp server, as `own`. */
  const curveReq = async (own: KeyPair): Promise<LibzmqSocket> => {
    const req = await socket('REQ')
    await req.setOption('CURVE_SERVERKEY', server.publicKey)
    await req.setOption('CURVE_PUBLICKEY', own.publicKey)
    await req.setOption('CURVE_SECRETKEY', own.secretKey)
    return req
  }
  /** A libzmq CURVE server REP with the key pair zmtp keygen made, bound on `endpoint`. */
  const curveRep = async (endpoint: string): Promise<[LibzmqSocket, string]> => {
    const rep = await socket('REP')
    await rep.setOption('CURVE_SERVER', 1)
    await rep.setOption('CURVE_SECRETKEY', server.secretKey)
    return [rep, await rep.bind(endpoint)]
  }

  beforeAll(async () => {
    peer = await startLibzmq()
    ;[server, client, stranger] = [await keygen(), await keygen(), await keygen()]
    // libzmq servers authenticate through this handler: ann's password, and only the client's CURVE key.
    await peer.startZap({ plain: { ann: 'secret' }, curve: [client.publicKey] })
  })
  afterAll(async () => {
    await peer?.stop()
  })
  afterEach(async () => {
    await killAll()
    for (const made of sockets.splice(0)) await made.close()
  })

  for (const transport of ['tcp', 'ws'] as const) {
    describe(`over ${transport}`, () => {
      it('a libzmq CURVE client gets answers from zmtp rep --curve-server with a zmtp keygen key', async () => {
        const rep = zmtp(
          'rep',
          '--bind',
          TRANSPORTS[transport],
          '--curve-server',
          '--curve-secret-key',
          server.secretKey,
          '--echo',
          '--count',
          '1',
        )
        const url = await rep.bound()
        const req = await curveReq(await peer.curveKeyPair())
        await req.connect(url)
        await req.send(['sealed', 'twice'], { timeout: 10_000 })
        expect(text(await req.receive({ timeout: 10_000 }))).toEqual(['sealed', 'twice'])
        expect((await rep.exited).code).toBe(0)
        expect(rep.lines).toEqual(['sealed\ttwice'])
      })

      it('zmtp req --curve-server-key talks to a libzmq CURVE server whose keys zmtp keygen made', async () => {
        const [rep, url] = await curveRep(TRANSPORTS[transport])
        const req = zmtp(
          'req',
          '--connect',
          url,
          '--curve-server-key',
          server.publicKey,
          '--curve-public-key',
          client.publicKey,
          '--curve-secret-key',
          client.secretKey,
        )
        req.end('hello\n')
        expect(text(await rep.receive({ timeout: 10_000 }))).toEqual(['hello'])
        await rep.send(['world'])
        expect((await req.exited).code).toBe(0)
        expect(req.lines).toEqual(['world'])
        // libzmq's ZAP handler saw the client's own public key, the one keygen printed.
        const curve = (await peer.zapRequests()).filter((r) => r.mechanism === 'CURVE')
        expect(Buffer.from(curve.at(-1)!.credentials[0]!)).toEqual(
          Buffer.from(decodeCurveKey(client.publicKey)),
        )
      })

      it('a libzmq PLAIN client gets answers from zmtp rep --plain-server', async () => {
        const rep = zmtp(
          'rep',
          '--bind',
          TRANSPORTS[transport],
          '--plain-server',
          '--plain-allow',
          'bob:hunter2',
          '--exec',
          'tr a-z A-Z',
          '--count',
          '1',
        )
        const url = await rep.bound()
        const req = await socket('REQ')
        await req.setOption('PLAIN_USERNAME', 'bob')
        await req.setOption('PLAIN_PASSWORD', 'hunter2')
        await req.connect(url)
        await req.send(['quiet'], { timeout: 10_000 })
        expect(text(await req.receive({ timeout: 10_000 }))).toEqual(['QUIET'])
        expect((await rep.exited).code).toBe(0)
      })

      it('zmtp req --plain-user talks to a libzmq PLAIN server', async () => {
        const rep = await socket('REP')
        await rep.setOption('PLAIN_SERVER', 1)
        const url = await rep.bind(TRANSPORTS[transport])
        const req = zmtp('req', '--connect', url, '--plain-user', 'ann', '--plain-password', 'secret')
        req.end('let me in\n')
        expect(text(await rep.receive({ timeout: 10_000 }))).toEqual(['let me in'])
        await rep.send(['welcome'])
        expect((await req.exited).code).toBe(0)
        expect(req.lines).toEqual(['welcome'])
      })
    })
  }

  describe('refusals', () => {
    it('zmtp req exits 2 when libzmq refuses its CURVE key', async () => {
      const [, url] = await curveRep(TRANSPORTS.tcp)
      const { exit, cli } = await runToEnd(
        [
          'req',
          '--connect',
          url,
          '--curve-server-key',
          server.publicKey,
          '--curve-public-key',
          stranger.publicKey,
          '--curve-secret-key',
          stranger.secretKey,
        ],
        'x\n',
      )
      expect(exit.code).toBe(2)
      expect(cli.stderr).toContain(`handshake with ${url} failed`)
    })

    it('zmtp req exits 2 when libzmq refuses its PLAIN password', async () => {
      const rep = await socket('REP')
      await rep.setOption('PLAIN_SERVER', 1)
      const url = await rep.bind(TRANSPORTS.tcp)
      const { exit, cli } = await runToEnd(
        ['req', '--connect', url, '--plain-user', 'ann', '--plain-password', 'guess'],
        'x\n',
      )
      expect(exit.code).toBe(2)
      expect(cli.stderr).toMatch(/fix: use the security mechanism and credentials the peer expects/)
    })

    it('zmtp rep --curve-allow keeps out a libzmq client with another key, and still serves', async () => {
      const rep = zmtp(
        'rep',
        '--bind',
        TRANSPORTS.tcp,
        '--curve-server',
        '--curve-secret-key',
        server.secretKey,
        '--curve-allow',
        client.publicKey,
        '--echo',
      )
      const url = await rep.bound()
      const outsider = await curveReq(stranger)
      await outsider.monitor()
      await outsider.connect(url)
      await outsider.waitEvent('HANDSHAKE_FAILED_AUTH', { timeout: 10_000 })
      const insider = await curveReq(client)
      await insider.connect(url)
      await insider.send(['me'], { timeout: 10_000 })
      expect(text(await insider.receive({ timeout: 10_000 }))).toEqual(['me'])
      expect(await rep.waitLines(1)).toEqual(['me'])
    })
  })
})
