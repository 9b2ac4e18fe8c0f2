import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeMetadata, ErrorCode, encodeMetadata, metadataText, Property, toHex } from '../src/index.js'
import { concat, expectProtocolError, pattern, text, wire } from './codec-helpers.js'

const DEALER_PROPERTIES = "0B 'Socket-Type' 00000006 'DEALER' 08 'Identity' 00000000"

describe('encodeMetadata', () => {
  it('encodes the DEALER READY properties byte for byte', () => {
    const bytes = encodeMetadata([
      [Property.SocketType, 'DEALER'],
      [Property.Identity, new Uint8Array(0)],
    ])
    expect(toHex(bytes)).toBe(toHex(wire(DEALER_PROPERTIES)))
  })

  it('encodes nothing for no properties', () => {
    expect(encodeMetadata([]).length).toBe(0)
  })

  it('writes the value length as 4 octets big-endian and string values as UTF-8', () => {
    expect(toHex(encodeMetadata([['X-k', pattern(300)]]).subarray(0, 8))).toBe(
      toHex(wire("03 'X-k' 00 00 01 2C")),
    )
    expect(toHex(encodeMetadata([['X-u', 'é']]))).toBe(toHex(wire("03 'X-u' 00000002 C3 A9")))
  })

  it.each(['', 'a b', 'X-\u00e9', 'n'.repeat(256), 'tab\t'])('refuses the property name %j', (name) => {
    expect(() => encodeMetadata([[name, 'v']])).toThrow(TypeError)
  })

  it('accepts a 255-octet name', () => {
    const name = 'N'.repeat(255)
    expect(decodeMetadata(encodeMetadata([[name, 'v']])).has(name)).toBe(true)
  })
})

describe('decodeMetadata', () => {
  it('decodes the DEALER READY properties', () => {
    const metadata = decodeMetadata(wire(DEALER_PROPERTIES))
    expect([...metadata.keys()]).toEqual(['Socket-Type', 'Identity'])
    expect(metadataText(metadata, Property.SocketType)).toBe('DEALER')
    expect(metadata.get(Property.Identity)!.length).toBe(0)
  })

  it('keeps names case-sensitive, as libzmq compares them', () => {
    const metadata = decodeMetadata(wire(DEALER_PROPERTIES))
    expect(metadata.get('socket-type')).toBeUndefined()
    expect(metadataText(metadata, 'SOCKET-TYPE')).toBeUndefined()
  })

  it('decodes an empty buffer to no properties', () => {
    expect(decodeMetadata(new Uint8Array(0)).size).toBe(0)
  })

  it('returns values as views into the input', () => {
    const bytes = wire("01 'a' 00000003 'xyz'")
    const value = decodeMetadata(bytes).get('a')!
    expect(value.buffer).toBe(bytes.buffer)
    expect(value.byteOffset).toBe(bytes.byteOffset + 6)
  })

  it('reads a property list that starts inside a larger buffer', () => {
    const frame = wire("04 29 05 'READY'").length
    const bytes = concat(wire("04 29 05 'READY'"), wire(DEALER_PROPERTIES))
    expect(metadataText(decodeMetadata(bytes.subarray(frame)), 'Socket-Type')).toBe('DEALER')
  })

  it('keeps the first of duplicate names', () => {
    const metadata = decodeMetadata(wire("01 'a' 00000001 'x' 01 'b' 00000000 01 'a' 00000001 'y'"))
    expect(metadata.size).toBe(2)
    expect(metadataText(metadata, 'a')).toBe('x')
  })

  it.each([
    ['a trailing octet', `${DEALER_PROPERTIES} 01`],
    ['a trailing name without a value length', `${DEALER_PROPERTIES} 03 'abc'`],
    ['a truncated value length', "03 'abc' 00 00"],
    ['a value length larger than what remains', "03 'abc' 00000005 'xy'"],
    ['a value length of 2^32 - 1', "03 'abc' FFFFFFFF 'xy'"],
    ['a name length larger than what remains', "05 'ab'"],
    ['a lone name length', '09'],
  ])('rejects %s', (_name, spec) => {
    expectProtocolError(() => decodeMetadata(wire(spec)), ErrorCode.MalformedMetadata)
  })

  it('treats __proto__, constructor and prototype as ordinary names and pollutes nothing', () => {
    const bytes = wire(
      "09 '__proto__' 00000008 'polluted' 0B 'constructor' 00000001 'c' 09 'prototype' 00000001 'p' 08 'polluted' 00000003 'yes'",
    )
    const metadata = decodeMetadata(bytes)
    expect([...metadata.keys()]).toEqual(['__proto__', 'constructor', 'prototype', 'polluted'])
    expect(metadataText(metadata, '__proto__')).toBe('polluted')
    expect(metadataText(metadata, 'constructor')).toBe('c')
    expect(Object.getPrototypeOf(metadata)).toBe(Map.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).constructor).toBe(Object)
    expect(Object.keys(Object.prototype)).toEqual([])
    expect((metadata as unknown as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('decodes names as raw octets, not UTF-8', () => {
    const metadata = decodeMetadata(wire('02 C3 A9 00000000'))
    expect([...metadata.keys()]).toEqual(['\u00c3\u00a9'])
  })
})

describe('metadata round trip (property)', () => {
  const name = fc.string({
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
    minLength: 1,
    maxLength: 255,
  })
  const value = fc.oneof(fc.uint8Array({ maxLength: 16 }), fc.uint8Array({ maxLength: 1000 }))

  it('decodes what it encoded, in order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n, maxLength: 8 }),
        (entries) => {
          const decoded = decodeMetadata(encodeMetadata(entries))
          expect([...decoded].map(([n, v]) => [n, toHex(v)])).toEqual(entries.map(([n, v]) => [n, toHex(v)]))
        },
      ),
    )
  })

  it('keeps the first value of each repeated name', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('A', 'B', 'Socket-Type'), value), { maxLength: 8 }),
        (entries) => {
          const decoded = decodeMetadata(encodeMetadata(entries))
          const firsts = new Map<string, string>()
          for (const [n, v] of entries) if (!firsts.has(n)) firsts.set(n, toHex(v))
          expect(new Map([...decoded].map(([n, v]) => [n, toHex(v)]))).toEqual(firsts)
        },
      ),
    )
  })

  it('rejects every strict prefix that cuts a property', () => {
    const bytes = encodeMetadata([
      ['Socket-Type', 'ROUTER'],
      ['X-a', text('value')],
    ])
    const boundary = 1 + 11 + 4 + 6
    for (let end = 1; end < bytes.length; end++) {
      if (end === boundary) continue
      expectProtocolError(() => decodeMetadata(bytes.subarray(0, end)), ErrorCode.MalformedMetadata)
    }
    expect(decodeMetadata(bytes.subarray(0, boundary)).size).toBe(1)
  })
})
