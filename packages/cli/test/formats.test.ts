import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CliError } from '../src/cli-error.js'
import { createFormat, parseDelimiter } from '../src/formats/create-format.js'
import { MessageDecoder } from '../src/formats/decoder.js'
import { FORMAT_NAMES } from '../src/formats/format.js'

const TAB = parseDelimiter('\\t')

/** Arbitrary messages: 1 to 4 frames of arbitrary octets. */
const anyMessage = fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 4 })

/** Messages the text format can carry: UTF-8 without newlines, tabs or NUL. */
const textMessage = fc.array(
  fc
    .string({ unit: 'grapheme', maxLength: 20 })
    .filter((s) => !/[\n\t\0]/.test(s))
    .map((s) => new TextEncoder().encode(s)),
  { minLength: 1, maxLength: 4 },
)

/** Decodes `bytes` split into chunks at `cuts`, as stdin delivers them. */
function decodeChunked(name: string, bytes: Uint8Array, cuts: number[], delimiter = TAB): Uint8Array[][] {
  const decoder = new MessageDecoder(createFormat(name, delimiter))
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const out: Uint8Array[][] = []
  let start = 0
  for (const point of [...points, bytes.length]) {
    out.push(...decoder.push(bytes.slice(start, point)))
    start = point
  }
  out.push(...decoder.end())
  return out
}

function encodeAll(name: string, messages: Uint8Array[][], delimiter = TAB): Uint8Array {
  const format = createFormat(name, delimiter)
  return Buffer.concat(messages.map((m) => format.encode(m)))
}

const norm = (messages: Uint8Array[][]) => messages.map((m) => m.map((f) => Buffer.from(f).toString('hex')))

describe('every format round-trips what it can carry, whatever the chunking', () => {
  for (const name of FORMAT_NAMES.filter((n) => n !== 'text')) {
    it(`${name}: arbitrary octets`, () => {
      fc.assert(
        fc.property(
          fc.array(anyMessage, { minLength: 1, maxLength: 5 }),
          fc.array(fc.nat()),
          (messages, cuts) => {
            const decoded = decodeChunked(name, encodeAll(name, messages), cuts)
            expect(norm(decoded)).toEqual(norm(messages))
          },
        ),
        { seed: 1515, numRuns: 300 },
      )
    })
  }

  it('text: UTF-8 without the delimiter or newlines', () => {
    fc.assert(
      fc.property(
        fc.array(textMessage, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat()),
        (messages, cuts) => {
          expect(norm(decodeChunked('text', encodeAll('text', messages), cuts))).toEqual(norm(messages))
        },
      ),
      { seed: 1515, numRuns: 300 },
    )
  })

  it('quoted and hex with another delimiter, including a multi-octet one', () => {
    for (const raw of [',', '|', '¦', ' :: ']) {
      const delimiter = parseDelimiter(raw)
      for (const name of ['quoted', 'hex', 'json', 'raw']) {
        fc.assert(
          fc.property(fc.array(anyMessage, { minLength: 1, maxLength: 3 }), (messages) => {
            expect(norm(decodeChunked(name, encodeAll(name, messages, delimiter), [], delimiter))).toEqual(
              norm(messages),
            )
          }),
          { seed: 7, numRuns: 100 },
        )
      }
    }
  })
})

describe('what the formats look like', () => {
  const hello = [new TextEncoder().encode('topic'), new Uint8Array([0, 0x5c, 0x09, 0x41, 0xff])]
  const show = (name: string) => Buffer.from(createFormat(name, TAB).encode(hello)).toString('latin1')

  it('writes each format as documented', () => {
    expect(show('quoted')).toBe('topic\t\\x00\\\\\\tA\\xff\n')
    expect(show('hex')).toBe('746f706963\t005c0941ff\n')
    expect(show('base64')).toBe('dG9waWM=\tAFwJQf8=\n')
    expect(show('json')).toBe('["topic",{"base64":"AFwJQf8="}]\n')
    expect([...createFormat('raw', TAB).encode([new Uint8Array([7])])]).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 7])
  })

  it('reads a last line without a newline, and an empty line as one empty frame', () => {
    const decoder = new MessageDecoder(createFormat('text', TAB))
    expect(decoder.push(Buffer.from('\na\tb')).map((m) => m.map((f) => f.length))).toEqual([[0]])
    expect(decoder.end().map((m) => m.map((f) => Buffer.from(f).toString()))).toEqual([['a', 'b']])
  })
})

describe('bad input is refused with the line and the fix', () => {
  const refuse = (name: string, input: Uint8Array | string, pattern: RegExp) => {
    const attempt = () => {
      const decoder = new MessageDecoder(createFormat(name, TAB))
      decoder.push(typeof input === 'string' ? Buffer.from(input) : input)
      decoder.end()
    }
    expect(attempt).toThrow(CliError)
    expect(attempt).toThrow(pattern)
  }

  it('binary in text mode names the line and the formats that carry binary', () => {
    refuse(
      'text',
      new Uint8Array([0x6f, 0x6b, 0x0a, 0xc3, 0x28, 0x0a]),
      /stdin: line 2 is not UTF-8 text.*--format/,
    )
    refuse('text', new Uint8Array([0x61, 0x00, 0x62]), /line 1 is not UTF-8/)
  })

  it('hands out the good lines of a chunk before failing on the bad one', () => {
    const decoder = new MessageDecoder(createFormat('hex', TAB))
    expect(
      decoder.push(Buffer.from('6f6b\nzz\n')).map((m) => m.map((f) => Buffer.from(f).toString())),
    ).toEqual([['ok']])
    expect(() => decoder.end()).toThrow(/line 2/)
  })

  it('hex, base64, quoted, json and raw refuse what they did not write', () => {
    refuse('hex', 'abc\n', /line 1 has frame 1 that is not an even run of hex digits/)
    refuse('hex', '00\tzz\n', /frame 2/)
    refuse('base64', 'a=b=\n', /not padded base64/)
    refuse('quoted', 'bad \\q escape\n', /bad escape/)
    refuse('json', '{"a":1}\n', /non-empty JSON array/)
    refuse('json', 'nope\n', /is not JSON/)
    refuse('json', '[1]\n', /neither a string nor/)
    refuse('raw', new Uint8Array([0, 0, 0, 1, 0, 0, 0, 9, 1]), /message 1 is cut short/)
    refuse('raw', new Uint8Array([0, 0, 0, 0]), /message 1 has no frames/)
  })

  it('refuses delimiters that could not be read back', () => {
    expect(() => parseDelimiter('')).toThrow(/empty/)
    expect(() => parseDelimiter('\\n')).toThrow(/newline/)
    expect(() => createFormat('hex', parseDelimiter('a'))).toThrow(/may not contain letters/)
    expect(() => createFormat('base64', parseDelimiter('/'))).toThrow(/may not contain/)
    expect(() => createFormat('yaml', TAB)).toThrow(/unknown format 'yaml'/)
    expect([...parseDelimiter('\\x1f')]).toEqual([0x1f])
  })
})
