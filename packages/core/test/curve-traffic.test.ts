/**
 * The CURVE MESSAGE layer on its own: nonces must grow, and no altered byte of a MESSAGE may get through.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ErrorCode, FrameFlags, nobleCurveCrypto, utf8Encode, ZmtpError } from '../src/index.js'
import { NonceCounter, NoncePrefix, PeerNonce } from '../src/mechanisms/curve/nonce.js'
import { CurveTraffic } from '../src/mechanisms/curve/traffic.js'

const KEY = new Uint8Array(32).fill(0x42)

/** Both ends of one established connection's MESSAGE layer. */
function link() {
  const client = new CurveTraffic(
    nobleCurveCrypto,
    KEY,
    NoncePrefix.MessageFromClient,
    NoncePrefix.MessageFromServer,
    new NonceCounter(),
    new PeerNonce(),
  )
  const server = new CurveTraffic(
    nobleCurveCrypto,
    KEY,
    NoncePrefix.MessageFromServer,
    NoncePrefix.MessageFromClient,
    new NonceCounter(),
    new PeerNonce(),
  )
  return { client, server }
}

function failure(run: () => unknown): ZmtpError {
  try {
    run()
  } catch (error) {
    if (error instanceof ZmtpError) return error
    throw error
  }
  throw new Error('expected the frame to be refused')
}

describe('CURVE MESSAGE', () => {
  it('round-trips frames with every flag combination and any body', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), fc.boolean(), (body, more, command) => {
        const { client, server } = link()
        const flags = (more ? FrameFlags.More : 0) | (command ? FrameFlags.Command : 0)
        const [outer, sealed] = client.wrap(flags, body)
        expect(outer).toBe(0)
        expect(sealed.length).toBe(8 + 8 + 16 + 1 + body.length)
        expect(server.unwrap(outer, sealed)).toEqual([flags, body])
      }),
      { numRuns: 200 },
    )
  })

  it('detects tampering with any byte of a MESSAGE', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (body, position, xor) => {
          const { client, server } = link()
          const [, sealed] = client.wrap(FrameFlags.More, body)
          const tampered = sealed.slice()
          const index = position % tampered.length
          tampered[index] = tampered[index]! ^ xor
          const error = failure(() => server.unwrap(0, tampered))
          // The name: not a MESSAGE. The nonce: below the last one, or a box that no longer opens. The box: no tag match.
          const expected =
            index < 8
              ? [ErrorCode.MalformedCommand]
              : index < 16
                ? [ErrorCode.ReplayedNonce, ErrorCode.DecryptFailed]
                : [ErrorCode.DecryptFailed]
          expect(expected).toContain(error.code)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('refuses a replayed MESSAGE and one that arrives out of order', () => {
    const { client, server } = link()
    const [, first] = client.wrap(0, utf8Encode('one'))
    const [, second] = client.wrap(0, utf8Encode('two'))
    const [, third] = client.wrap(0, utf8Encode('three'))
    expect(server.unwrap(0, second)[1]).toEqual(utf8Encode('two'))
    expect(failure(() => server.unwrap(0, second)).code).toBe(ErrorCode.ReplayedNonce)
    expect(failure(() => server.unwrap(0, first)).code).toBe(ErrorCode.ReplayedNonce)
    expect(server.unwrap(0, third)[1]).toEqual(utf8Encode('three'))
  })

  it('refuses a MESSAGE sealed for the other direction (reflected back at its sender)', () => {
    const { client } = link()
    const [, sealed] = client.wrap(0, utf8Encode('echo'))
    expect(failure(() => client.unwrap(0, sealed)).code).toBe(ErrorCode.DecryptFailed)
  })

  it('refuses something that is not a MESSAGE, and a MESSAGE too short to hold a box', () => {
    const { server } = link()
    expect(failure(() => server.unwrap(0, utf8Encode('plain data'))).code).toBe(ErrorCode.MalformedCommand)
    const short = new Uint8Array(8 + 8 + 16)
    short.set(utf8Encode('\x07MESSAGE'))
    expect(failure(() => server.unwrap(0, short)).code).toBe(ErrorCode.MalformedCommand)
  })

  it('counts nonces past 2^32 exactly and compares them as 64-bit numbers', () => {
    const counter = new NonceCounter()
    const peer = new PeerNonce()
    let nonce = counter.next()
    for (let i = 0; i < 3; i++) {
      expect(peer.advance(nonce)).toBe(true)
      nonce = counter.next()
    }
    const high = Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 0)
    const belowHigh = Uint8Array.of(0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff)
    expect(peer.advance(high)).toBe(true)
    expect(peer.advance(belowHigh)).toBe(false)
    expect(peer.advance(high)).toBe(false)
    expect(peer.advance(Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 1))).toBe(true)
  })
})
