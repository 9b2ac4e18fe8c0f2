/**
 * Bad input that only a byte stream carries (tcp, ipc): ZMTP greetings and frames written by hand.
 * Each bad peer costs only its own connection. Cases every transport shares are in robustness.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../src/index.js'
import { nextEvent } from './helpers.js'
import { greeting, RawStream, zmtpReady } from './raw-peers.js'
import { robustnessSuite } from './robustness-setup.js'
import { byName, STREAM_TRANSPORTS } from './transport-cases.js'

describe.each(byName(STREAM_TRANSPORTS))('bad ZMTP input over %s closes that connection only', (_, t) => {
  const { servingPull, stillServes } = robustnessSuite(t)

  /** A raw client that writes `chunks` to the endpoint (and ends the stream if `end`). */
  function rawClient(endpoint: string, chunks: Uint8Array[], end = false) {
    const client = new RawStream(endpoint)
    client.write(chunks, end)
    return client
  }

  it('a garbage greeting gets handshake:error:protocol and a close', async () => {
    const { pull, push, endpoint } = await servingPull()
    const failed = nextEvent(pull, 'handshake:error:protocol')
    const bad = rawClient(endpoint, [new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n')])
    expect((await failed).error).toMatchObject({ code: ErrorCode.BadGreeting })
    await bad.closed
    await stillServes(pull, push)
  })

  it('a stalled handshake is dropped after handshakeInterval', async () => {
    const { pull, push, endpoint } = await servingPull({ handshakeInterval: 200 })
    const failed = nextEvent(pull, 'handshake:error:other')
    const stalled = rawClient(endpoint, [greeting().subarray(0, 11)])
    expect((await failed).error).toMatchObject({ code: ErrorCode.HandshakeTimeout })
    await stalled.closed
    await stillServes(pull, push)
  })

  it('a mechanism mismatch and a wrong socket type are refused', async () => {
    const { pull, push, endpoint } = await servingPull()
    const mismatch = nextEvent(pull, 'handshake:error:protocol')
    rawClient(endpoint, [greeting('PLAIN')])
    expect((await mismatch).error).toMatchObject({ code: ErrorCode.MechanismMismatch })
    const wrongType = nextEvent(pull, 'handshake:error:protocol')
    rawClient(endpoint, [greeting(), zmtpReady('PULL')])
    expect((await wrongType).error).toMatchObject({ code: ErrorCode.SocketTypeMismatch })
    await stillServes(pull, push)
  })

  it('a peer closing mid-message loses only that partial message', async () => {
    const { pull, push, endpoint } = await servingPull()
    const handshake = nextEvent(pull, 'handshake')
    const partial = Uint8Array.from([0x01, 0x01, 0x41, 0x00, 0x05, 0x42])
    const bad = rawClient(endpoint, [greeting(), zmtpReady('PUSH'), partial], true)
    await handshake
    await bad.closed
    await stillServes(pull, push)
  })
})
