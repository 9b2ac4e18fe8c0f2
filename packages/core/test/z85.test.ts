import { createPrivateKey, createPublicKey } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeCurveKey, z85Decode, z85Encode } from '../src/codec/z85.js'
import { ErrorCode, ZmtpError } from '../src/errors.js'
import { fromHex, toHex } from '../src/util/bytes.js'

function z85Error(run: () => unknown): ZmtpError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ZmtpError)
    expect((error as ZmtpError).code).toBe(ErrorCode.InvalidZ85)
    return error as ZmtpError
  }
  throw new Error('expected ERR_INVALID_Z85')
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#'

// libzmq doc/zmq_curve.txt, "TEST KEY VALUES": the same keys in hexadecimal and in Z85.
const CLIENT_PUBLIC_HEX = 'BB88471D65E2659B30C55A5321CEBB5AAB2B70A398645C26DCA2B2FCB43FC518'
const CLIENT_PUBLIC_Z85 = 'Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID'
const CLIENT_SECRET_HEX = '7BB864B489AFA3671FBE69101F94B38972F24816DFB01B51656B3FEC8DFD0888'
const CLIENT_SECRET_Z85 = 'D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs'
const SERVER_PUBLIC_HEX = '54FCBA24E93249969316FB617C872BB0C1D1FF14800427C594CBFACF1BC2D652'
const SERVER_PUBLIC_Z85 = 'rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7'
const SERVER_SECRET_HEX = '8E0BDD697628B91D8F245587EE95C5B04D48963F79259877B49CD9063AEAD3B7'
const SERVER_SECRET_Z85 = 'JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6'

const KEYS = [
  ['client public', CLIENT_PUBLIC_HEX, CLIENT_PUBLIC_Z85],
  ['client secret', CLIENT_SECRET_HEX, CLIENT_SECRET_Z85],
  ['server public', SERVER_PUBLIC_HEX, SERVER_PUBLIC_Z85],
  ['server secret', SERVER_SECRET_HEX, SERVER_SECRET_Z85],
] as const

/** The X25519 public key of a raw secret key, computed by Node's own crypto (independent of our code). */
function x25519Public(secret: Uint8Array): Uint8Array {
  const pkcs8Prefix = fromHex('302e020100300506032b656e04220420')
  const der = new Uint8Array([...pkcs8Prefix, ...secret])
  const jwk = createPublicKey(
    createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }),
  ).export({
    format: 'jwk',
  })
  return new Uint8Array(Buffer.from(jwk.x!, 'base64url'))
}

describe('z85Encode / z85Decode', () => {
  it('matches the RFC 32 test vector', () => {
    const bytes = fromHex('864FD26FB559F75B')
    expect(z85Encode(bytes)).toBe('HelloWorld')
    expect(toHex(z85Decode('HelloWorld'))).toBe(toHex(bytes))
  })

  it('handles the empty input', () => {
    expect(z85Encode(new Uint8Array(0))).toBe('')
    expect(z85Decode('')).toEqual(new Uint8Array(0))
  })

  it('maps the extremes of a group', () => {
    expect(z85Encode(new Uint8Array(4))).toBe('00000')
    expect(z85Decode('00000')).toEqual(new Uint8Array(4))
    // 2^32 - 1 in base 85 is 82 23 54 12 0, the largest group that decodes.
    expect(z85Encode(new Uint8Array([0xff, 0xff, 0xff, 0xff]))).toBe('%nSc0')
    expect(z85Decode('%nSc0')).toEqual(new Uint8Array([0xff, 0xff, 0xff, 0xff]))
  })

  it('uses every character of the alphabet in order', () => {
    // 85 characters make 17 groups, each below 2^32, so the whole alphabet is itself valid Z85 text.
    expect(ALPHABET).toHaveLength(85)
    expect(z85Encode(z85Decode(ALPHABET))).toBe(ALPHABET)
  })

  it('round-trips any byte string whose length is a multiple of 4', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 64 }).chain((n) => fc.uint8Array({ minLength: n * 4, maxLength: n * 4 })),
        (bytes) => {
          const text = z85Encode(bytes)
          expect(text).toHaveLength((bytes.length / 4) * 5)
          expect(toHex(z85Decode(text))).toBe(toHex(bytes))
        },
      ),
      { seed: 42, numRuns: 1000 },
    )
  })

  it('round-trips any valid text', () => {
    const digit = fc.constantFrom(...ALPHABET)
    const group = fc
      .array(digit, { minLength: 5, maxLength: 5 })
      .map((digits) => digits.join(''))
      .filter((g) => [...g].reduce((value, c) => value * 85 + ALPHABET.indexOf(c), 0) <= 0xffffffff)
    fc.assert(
      fc.property(fc.array(group, { maxLength: 16 }), (groups) => {
        const text = groups.join('')
        expect(z85Encode(z85Decode(text))).toBe(text)
      }),
      { seed: 7, numRuns: 1000 },
    )
  })

  it.each([1, 2, 3, 5, 7])('rejects %i bytes (not a multiple of 4)', (length) => {
    expect(z85Error(() => z85Encode(new Uint8Array(length))).message).toContain(`got ${length}`)
  })

  it.each(['Hell', 'HelloW', 'HelloWorld!'])('rejects %j (not a multiple of 5)', (text) => {
    expect(z85Error(() => z85Decode(text)).message).toContain('multiple of 5')
  })

  it.each([
    ['Hello Worl', ' ', 5],
    ['Hell"World', '"', 4],
    ['HelloWor,d', ',', 8],
    ['HelloWorl\u00e9', '\u00e9', 9],
    ['~0000', '~', 0],
    ['0000\u0000', '\u0000', 4],
  ])('rejects %j: bad character %j at offset %i', (text, char, offset) => {
    expect(z85Error(() => z85Decode(text)).message).toContain(`${JSON.stringify(char)} at offset ${offset}`)
  })

  it('rejects groups above 2^32 - 1', () => {
    expect(z85Error(() => z85Decode('%nSc1')).message).toContain(
      "'%nSc1' at offset 0 does not fit in 32 bits",
    )
    expect(z85Error(() => z85Decode('00000#####')).message).toContain('offset 5')
  })
})

describe('decodeCurveKey', () => {
  it.each(KEYS)('decodes the libzmq %s test key', (_name, hex, text) => {
    expect(toHex(z85Decode(text)).toUpperCase()).toBe(hex)
    expect(z85Encode(fromHex(hex))).toBe(text)
    expect(toHex(decodeCurveKey(text)).toUpperCase()).toBe(hex)
  })

  it('yields keypairs that agree under X25519', () => {
    expect(toHex(x25519Public(decodeCurveKey(CLIENT_SECRET_Z85)))).toBe(
      toHex(decodeCurveKey(CLIENT_PUBLIC_Z85)),
    )
    expect(toHex(x25519Public(decodeCurveKey(SERVER_SECRET_Z85)))).toBe(
      toHex(decodeCurveKey(SERVER_PUBLIC_Z85)),
    )
  })

  it('accepts every form libzmq accepts', () => {
    const raw = fromHex(SERVER_PUBLIC_HEX)
    const ascii = new TextEncoder().encode(SERVER_PUBLIC_Z85)
    expect(decodeCurveKey(raw)).toEqual(raw)
    expect(decodeCurveKey(`${SERVER_PUBLIC_Z85}\0`)).toEqual(raw)
    expect(decodeCurveKey(ascii)).toEqual(raw)
    expect(decodeCurveKey(new Uint8Array([...ascii, 0]))).toEqual(raw)
  })

  it('returns a copy of raw keys', () => {
    const raw = fromHex(SERVER_PUBLIC_HEX)
    const key = decodeCurveKey(raw)
    raw[0] = 0
    expect(key[0]).toBe(0x54)
  })

  it.each<[string, string | Uint8Array, string]>([
    ['31 raw bytes', new Uint8Array(31), 'got 31 bytes'],
    ['33 raw bytes', new Uint8Array(33), 'got 33 bytes'],
    ['an empty string', '', 'got 0 characters'],
    ['39 characters', SERVER_PUBLIC_Z85.slice(1), 'got 39 characters'],
    ['45 characters', `${SERVER_PUBLIC_Z85}00000`, 'got 45 characters'],
    ['a 32-character string', 'x'.repeat(32), 'got 32 characters'],
    ['41 characters without NUL', `${SERVER_PUBLIC_Z85}0`, 'must end with a NUL'],
    ['41 bytes without NUL', new Uint8Array(41).fill(0x30), 'must end with a NUL'],
    ['40 characters with a bad one', `${SERVER_PUBLIC_Z85.slice(0, 39)} `, 'at offset 39'],
    ['40 bytes above 0x7f', new Uint8Array(40).fill(0xc0), 'at offset 0'],
  ])('rejects %s', (_name, key, reason) => {
    expect(z85Error(() => decodeCurveKey(key)).message).toContain(reason)
  })
})
