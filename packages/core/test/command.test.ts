import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CommandName,
  decodeCommand,
  decodeError,
  decodePing,
  decodeReady,
  ErrorCode,
  encodeCancel,
  encodeCommand,
  encodeCommandFrame,
  encodeError,
  encodeFrame,
  encodePing,
  encodePong,
  encodeReady,
  encodeSubscribe,
  encodeSubscriptionMessage,
  FrameFlags,
  fromHex,
  MAX_PING_CONTEXT,
  metadataText,
  toHex,
  utf8Encode,
} from '../src/index.js'
import { decodeFrames, expectProtocolError, pattern, text, wire } from './codec-helpers.js'

const DEALER_READY = "04 29 05 'READY' 0B 'Socket-Type' 00000006 'DEALER' 08 'Identity' 00000000"
const SUB_READY = "04 19 05 'READY' 0B 'Socket-Type' 00000003 'SUB'"

/** Decodes one command frame from wire bytes, checking it is exactly one frame with flags COMMAND. */
function commandOnWire(spec: string) {
  const frames = decodeFrames([wire(spec)])
  expect(frames.length).toBe(1)
  expect(frames[0]!.flags).toBe(FrameFlags.Command)
  return decodeCommand(frames[0]!.body)
}

describe('commands: byte-exact fixtures from the wire notes', () => {
  const encoded: [string, () => Uint8Array, string][] = [
    [
      'DEALER READY',
      () =>
        encodeCommandFrame(
          encodeReady([
            ['Socket-Type', 'DEALER'],
            ['Identity', new Uint8Array(0)],
          ]),
        ),
      DEALER_READY,
    ],
    ['SUB READY', () => encodeCommandFrame(encodeReady([['Socket-Type', 'SUB']])), SUB_READY],
    ['SUBSCRIBE "A" (3.1)', () => encodeCommandFrame(encodeSubscribe(text('A'))), "04 0B 09 'SUBSCRIBE' 41"],
    [
      'SUBSCRIBE "A" (legacy)',
      () => encodeFrame(0, encodeSubscriptionMessage(true, text('A'))),
      '00 02 01 41',
    ],
    ['CANCEL "A" (3.1)', () => encodeCommandFrame(encodeCancel(text('A'))), "04 08 06 'CANCEL' 41"],
    ['CANCEL "A" (legacy)', () => encodeFrame(0, encodeSubscriptionMessage(false, text('A'))), '00 02 00 41'],
    [
      'SUBSCRIBE to everything',
      () => encodeCommandFrame(encodeSubscribe(new Uint8Array(0))),
      "04 0A 09 'SUBSCRIBE'",
    ],
    ['PING ttl=0', () => encodeCommandFrame(encodePing(0)), "04 07 04 'PING' 00 00"],
    ['PING ttl=300 ds', () => encodeCommandFrame(encodePing(300)), "04 07 04 'PING' 01 2C"],
    ['PONG', () => encodeCommandFrame(encodePong()), "04 05 04 'PONG'"],
    [
      'PING with context "LOL"',
      () => encodeCommandFrame(encodePing(0, text('LOL'))),
      "04 0A 04 'PING' 00 00 'LOL'",
    ],
    ['its PONG', () => encodeCommandFrame(encodePong(text('LOL'))), "04 08 04 'PONG' 'LOL'"],
    ['ERROR "400"', () => encodeCommandFrame(encodeError('400')), "04 0A 05 'ERROR' 03 '400'"],
  ]

  it.each(encoded)('encodes %s', (_name, encode, spec) => {
    expect(toHex(encode())).toBe(toHex(wire(spec)))
  })

  it('decodes the DEALER READY', () => {
    const command = commandOnWire(DEALER_READY)
    expect(command.name).toBe(CommandName.Ready)
    const metadata = decodeReady(command.data)
    expect([...metadata.keys()]).toEqual(['Socket-Type', 'Identity'])
    expect(metadataText(metadata, 'Socket-Type')).toBe('DEALER')
    expect(metadata.get('Identity')!.length).toBe(0)
  })

  it('decodes the SUB READY', () => {
    const command = commandOnWire(SUB_READY)
    expect(command.name).toBe('READY')
    expect(metadataText(decodeReady(command.data), 'Socket-Type')).toBe('SUB')
  })

  it('decodes SUBSCRIBE and CANCEL with the topic as data', () => {
    expect(commandOnWire("04 0B 09 'SUBSCRIBE' 41")).toEqual({ name: 'SUBSCRIBE', data: text('A') })
    expect(commandOnWire("04 08 06 'CANCEL' 41")).toEqual({ name: 'CANCEL', data: text('A') })
  })

  it('decodes PING, its context, and ERROR', () => {
    const ping = commandOnWire("04 0A 04 'PING' 01 2C 'LOL'")
    expect(ping.name).toBe('PING')
    const { ttl, context } = decodePing(ping.data)
    expect(ttl).toBe(300)
    expect(toHex(context)).toBe(toHex(text('LOL')))
    expect(toHex(encodeCommandFrame(encodePong(context)))).toBe(toHex(wire("04 08 04 'PONG' 'LOL'")))

    const error = commandOnWire("04 0A 05 'ERROR' 03 '400'")
    expect(error.name).toBe('ERROR')
    expect(decodeError(error.data)).toBe('400')
  })

  it('hands out command data as a view into the frame body', () => {
    const body = wire("09 'SUBSCRIBE' 'topic'")
    const { data } = decodeCommand(body)
    expect(data.buffer).toBe(body.buffer)
    expect(data.byteOffset).toBe(10)
  })
})

describe('commands: round trips (property)', () => {
  it('decodeCommand inverts encodeCommand', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{1,255}$/), fc.uint8Array({ maxLength: 300 }), (name, data) => {
        const decoded = decodeCommand(encodeCommand(name, data))
        expect(decoded.name).toBe(name)
        expect(toHex(decoded.data)).toBe(toHex(data))
      }),
    )
  })

  it('decodePing inverts encodePing for every TTL and context up to 16 octets', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffff }), fc.uint8Array({ maxLength: MAX_PING_CONTEXT }), (ttl, context) => {
        const { name, data } = decodeCommand(encodePing(ttl, context))
        expect(name).toBe('PING')
        const ping = decodePing(data)
        expect(ping.ttl).toBe(ttl)
        expect(toHex(ping.context)).toBe(toHex(context))
      }),
    )
  })

  it('decodeError inverts encodeError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (reason) => {
        expect(decodeError(decodeCommand(encodeError(reason)).data)).toBe(reason)
      }),
    )
  })
})

describe('commands: limits', () => {
  it('clamps the PING TTL to 16 bits', () => {
    expect(toHex(encodePing(0xffff).subarray(5))).toBe('ffff')
    expect(toHex(encodePing(1e9).subarray(5))).toBe('ffff')
    expect(toHex(encodePing(-5).subarray(5))).toBe('0000')
  })

  it('refuses to send a PING context longer than 16 octets', () => {
    expect(() => encodePing(0, new Uint8Array(17))).toThrow(TypeError)
    expect(() => encodePing(0, new Uint8Array(16))).not.toThrow()
  })

  it('truncates a received PING context longer than 16 octets, and PONG echoes at most 16', () => {
    const long = pattern(20)
    const data = new Uint8Array(2 + long.length)
    data.set(long, 2)
    const { context } = decodePing(data)
    expect(toHex(context)).toBe(toHex(long.subarray(0, 16)))
    expect(toHex(decodeCommand(encodePong(long)).data)).toBe(toHex(long.subarray(0, 16)))
  })

  it('cuts an ERROR reason to 255 octets', () => {
    const reason = 'r'.repeat(300)
    const { data } = decodeCommand(encodeError(reason))
    expect(data[0]).toBe(255)
    expect(data.length).toBe(256)
    expect(decodeError(data)).toBe('r'.repeat(255))
  })

  it.each(['', 'N'.repeat(256)])('refuses to encode the command name %j', (name) => {
    expect(() => encodeCommand(name)).toThrow(TypeError)
  })
})

describe('commands: malformed input', () => {
  it.each([
    ['an empty command frame', ''],
    ['a name length of 0', "00 'READY'"],
    ['a name longer than its frame', "05 'REA'"],
    ['a lone name length', '01'],
  ])('rejects %s', (_name, spec) => {
    expectProtocolError(() => decodeCommand(wire(spec)), ErrorCode.MalformedCommand)
  })

  it.each([
    ['no TTL', ''],
    ['half a TTL', '00'],
  ])('rejects a PING with %s', (_name, spec) => {
    expectProtocolError(() => decodePing(wire(spec)), ErrorCode.MalformedCommand)
  })

  it.each([
    ['no reason length', ''],
    ['a reason longer than its frame', "05 '400'"],
  ])('rejects an ERROR with %s', (_name, spec) => {
    expectProtocolError(() => decodeError(wire(spec)), ErrorCode.MalformedCommand)
  })

  it('rejects READY metadata with trailing bytes', () => {
    const { data } = decodeCommand(wire("05 'READY' 0B 'Socket-Type' 00000003 'SUB' 00"))
    expectProtocolError(() => decodeReady(data), ErrorCode.MalformedMetadata)
  })
})

describe('the ERROR libzmq 4.3.4 sends', () => {
  it('is read as ERROR although its name octet is wrong (5E RROR), and only when too short for a real name', () => {
    // Captured from libzmq 4.3.4 refusing a PLAIN client through ZAP with status 400.
    const wire = fromHex('5e52524f5203343030')
    const command = decodeCommand(wire)
    expect(command.name).toBe('ERROR')
    expect(decodeError(command.data)).toBe('400')
    // A 94-octet name also starts with 5E: with a body long enough to hold it, it is an ordinary command.
    const real = encodeCommand('X'.repeat(94), utf8Encode('data'))
    expect(decodeCommand(real).name).toBe('X'.repeat(94))
    expect(() => decodeCommand(fromHex('5e41424344'))).toThrow(
      expect.objectContaining({ code: ErrorCode.MalformedCommand }),
    )
  })
})
