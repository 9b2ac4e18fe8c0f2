import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ErrorCode,
  encodeGreeting,
  GREETING_SIZE,
  type Greeting,
  GreetingDecoder,
  ProtocolError,
  toHex,
} from '../src/index.js'
import { bytewise, concat, expectProtocolError, split, wire } from './codec-helpers.js'

const OUR_NULL_GREETING = "FF 00*8 7F 03 01 'NULL' 00*16 00 00*31"
// libzmq puts routing_id_size + 1 in the padding and never sets as-server.
const LIBZMQ_NULL_GREETING = "FF 00 00 00 00 00 00 00 01 7F 03 01 'NULL' 00*16 00 00*31"

function decodeGreeting(chunks: Iterable<Uint8Array>): Greeting | null {
  const decoder = new GreetingDecoder()
  for (const chunk of chunks) decoder.push(chunk)
  return decoder.greeting
}

/** A greeting with the 20-octet mechanism field given raw. */
function greetingWithMechanismField(field: Uint8Array): Uint8Array {
  const greeting = wire(OUR_NULL_GREETING)
  greeting.set(field, 12)
  return greeting
}

describe('encodeGreeting', () => {
  it('sends FF 00*8 7F 03 01 NULL 00*16 00 00*31', () => {
    const greeting = encodeGreeting({ mechanism: 'NULL' })
    expect(greeting.length).toBe(GREETING_SIZE)
    expect(toHex(greeting)).toBe(toHex(wire(OUR_NULL_GREETING)))
  })

  it('sets as-server and the minor version when asked', () => {
    expect(toHex(encodeGreeting({ mechanism: 'PLAIN', asServer: true, minor: 0 }))).toBe(
      toHex(wire("FF 00*8 7F 03 00 'PLAIN' 00*15 01 00*31")),
    )
    expect(encodeGreeting({ mechanism: 'CURVE', asServer: false })[32]).toBe(0)
  })

  it.each(['', 'null', 'NU LL', 'A'.repeat(21), 'NULL\0'])('refuses the mechanism name %j', (mechanism) => {
    expect(() => encodeGreeting({ mechanism })).toThrow(TypeError)
  })

  it('accepts a 20-character mechanism name, which fills the field without a NUL', () => {
    const name = 'ABCDEFGHIJ0123456789'
    expect(decodeGreeting([encodeGreeting({ mechanism: name })])!.mechanism).toBe(name)
  })
})

describe('GreetingDecoder: valid greetings', () => {
  it('parses our own greeting', () => {
    expect(decodeGreeting([wire(OUR_NULL_GREETING)])).toEqual({
      major: 3,
      minor: 1,
      mechanism: 'NULL',
      asServer: false,
    })
  })

  it("parses libzmq's greeting as it sends it: 10, then 1, then 53 octets", () => {
    const bytes = wire(LIBZMQ_NULL_GREETING)
    const decoder = new GreetingDecoder()
    expect(decoder.push(bytes.subarray(0, 10))).toBe(10)
    expect(decoder.greeting).toBeNull()
    expect(decoder.push(bytes.subarray(10, 11))).toBe(1)
    expect(decoder.greeting).toBeNull()
    expect(decoder.received).toBe(11)
    expect(decoder.push(bytes.subarray(11))).toBe(53)
    expect(decoder.greeting).toEqual({ major: 3, minor: 1, mechanism: 'NULL', asServer: false })
  })

  it('does not validate the padding', () => {
    const bytes = wire("FF 12 34 56 78 9A BC DE F0 7F 03 01 'NULL' 00*16 00 00*31")
    expect(decodeGreeting([bytes])!.mechanism).toBe('NULL')
  })

  it('parses version 3.0 with minor 0', () => {
    expect(decodeGreeting([wire("FF 00*8 7F 03 00 'NULL' 00*16 00 00*31")])).toMatchObject({
      major: 3,
      minor: 0,
    })
  })

  it('accepts a higher major version, as the RFC requires', () => {
    expect(decodeGreeting([wire("FF 00*8 7F 04 00 'NULL' 00*16 00 00*31")])).toMatchObject({ major: 4 })
  })

  it('reads as-server', () => {
    expect(decodeGreeting([wire("FF 00*8 7F 03 01 'PLAIN' 00*15 01 00*31")])).toMatchObject({
      mechanism: 'PLAIN',
      asServer: true,
    })
  })

  it('parses an unknown mechanism as its name; the engine decides the mismatch', () => {
    expect(decodeGreeting([wire("FF 00*8 7F 03 01 'FOO' 00*17 00 00*31")])!.mechanism).toBe('FOO')
  })

  it('does not take a mechanism padded with spaces, or with junk after a NUL, for NULL', () => {
    for (const field of [wire("'NULL    ' 00*12"), wire("'NULL' 20*16"), wire("'NULL' 00 'X' 00*14")]) {
      const mechanism = decodeGreeting([greetingWithMechanismField(field)])!.mechanism
      expect(mechanism).not.toBe('NULL')
    }
  })

  it('returns only the greeting octets when frames follow it in the same chunk', () => {
    const frames = wire("04 29 05 'READY' 00 02 'hi'")
    const decoder = new GreetingDecoder()
    expect(decoder.push(concat(wire(OUR_NULL_GREETING), frames))).toBe(GREETING_SIZE)
    expect(decoder.greeting?.mechanism).toBe('NULL')
    // Done: later octets are not the greeting's.
    expect(decoder.push(frames)).toBe(0)
    expect(decoder.received).toBe(GREETING_SIZE)
  })

  it('returns only the missing octets when the greeting ends inside a chunk', () => {
    const bytes = concat(wire(OUR_NULL_GREETING), wire("00 02 'hi'"))
    const decoder = new GreetingDecoder()
    expect(decoder.push(bytes.subarray(0, 30))).toBe(30)
    expect(decoder.push(bytes.subarray(30))).toBe(34)
    expect(decoder.greeting?.mechanism).toBe('NULL')
  })

  it('starts reading at the given offset', () => {
    const chunk = concat(wire('AA BB CC'), wire(OUR_NULL_GREETING), wire('00 00'))
    const decoder = new GreetingDecoder()
    expect(decoder.push(chunk, 3)).toBe(GREETING_SIZE)
    expect(decoder.greeting?.mechanism).toBe('NULL')
  })
})

describe('GreetingDecoder: round trip in random splits (property)', () => {
  it('decodes what encodeGreeting wrote, and leaves the following octets alone', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9_.+-]{1,20}$/),
        fc.boolean(),
        fc.nat({ max: 255 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (mechanism, asServer, minor, tail, picks) => {
          const stream = concat(encodeGreeting({ mechanism, asServer, minor }), tail)
          const decoder = new GreetingDecoder()
          const rest: Uint8Array[] = []
          for (const chunk of split(stream, picks)) {
            // As an engine does: whatever the greeting does not take belongs to the frame decoder.
            const used = decoder.push(chunk)
            expect(used).toBeLessThanOrEqual(chunk.length)
            rest.push(chunk.subarray(used))
          }
          expect(decoder.greeting).toEqual({ major: 3, minor, mechanism, asServer })
          expect(toHex(concat(...rest))).toBe(toHex(tail))
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('GreetingDecoder: rejected greetings', () => {
  it('rejects a first octet other than 0xFF as soon as it arrives', () => {
    const decoder = new GreetingDecoder()
    expectProtocolError(() => decoder.push(wire('00')), ErrorCode.BadGreeting)
  })

  it('rejects a first octet other than 0xFF inside a whole greeting', () => {
    expectProtocolError(
      () => decodeGreeting([wire("7F 00*8 7F 03 01 'NULL' 00*16 00 00*31")]),
      ErrorCode.BadGreeting,
    )
  })

  it('rejects an unversioned (ZMTP 1.0) signature at octet 10', () => {
    const bytes = wire("FF 00*8 7E 03 01 'NULL' 00*16 00 00*31")
    const decoder = new GreetingDecoder()
    decoder.push(bytes.subarray(0, 9))
    expectProtocolError(() => decoder.push(bytes.subarray(9, 10)), ErrorCode.UnsupportedVersion)
  })

  it('rejects a ZMTP 2.0 greeting (revision 01) at octet 11', () => {
    const decoder = new GreetingDecoder()
    decoder.push(wire('FF 00*8 7F'))
    // ZMTP 2.0 follows the revision with a socket-type octet, never with a full 3.x greeting.
    expectProtocolError(() => decoder.push(wire('01 05')), ErrorCode.UnsupportedVersion)
    expect(decoder.greeting).toBeNull()
  })

  it('rejects the ZMTP 2.0 greeting fed one octet at a time', () => {
    expectProtocolError(
      () => decodeGreeting(bytewise(wire('FF 00*8 7F 01 05'))),
      ErrorCode.UnsupportedVersion,
    )
  })

  it('stays failed: never parses a greeting it has refused', () => {
    const decoder = new GreetingDecoder()
    const first = expectProtocolError(() => decoder.push(wire('00')), ErrorCode.BadGreeting)
    let again: unknown
    try {
      decoder.push(wire("00*8 7F 03 01 'NULL' 00*16 00 00*31"))
    } catch (error) {
      again = error
    }
    expect(again).toBe(first)
    expect(decoder.greeting).toBeNull()
  })

  it('stays failed after a bad whole greeting, even when pushed nothing more', () => {
    const decoder = new GreetingDecoder()
    const bytes = wire("00 00*8 7F 03 01 'NULL' 00*16 00 00*31")
    expectProtocolError(() => decoder.push(bytes), ErrorCode.BadGreeting)
    expect(() => decoder.push(new Uint8Array(0))).toThrow(ProtocolError)
    expect(decoder.greeting).toBeNull()
  })
})
