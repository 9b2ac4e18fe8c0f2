import { describe, expect, it } from 'vitest'
import {
  concatBytes,
  decodeMetadata,
  decodeReady,
  Engine,
  ErrorCode,
  encodeCommandFrame,
  encodeGreeting,
  encodeMetadata,
  encodeReady,
  MAX_PROPERTY_VALUE_SIZE,
  Property,
  type ZmtpError,
} from '../src/index.js'
import { expectProtocolError, pattern } from './codec-helpers.js'

function readyData(identity: Uint8Array, extra: [string, Uint8Array][] = []): Uint8Array {
  return encodeMetadata([[Property.SocketType, 'DEALER'], [Property.Identity, identity], ...extra])
}

describe('property values in READY', () => {
  it('allow 255 octets, as libzmq allows routing ids of 1 to 255 octets', () => {
    expect(MAX_PROPERTY_VALUE_SIZE).toBe(255)
    const metadata = decodeReady(readyData(pattern(255)))
    expect(metadata.get(Property.Identity)!.length).toBe(255)
  })

  it('refuse an Identity of 256 octets and of 4 MiB with MalformedMetadata', () => {
    for (const size of [256, 4 * 1024 * 1024]) {
      expectProtocolError(() => decodeReady(readyData(pattern(size))), ErrorCode.MalformedMetadata)
    }
  })

  it('refuse any other property over 255 octets too', () => {
    expectProtocolError(
      () => decodeReady(readyData(pattern(3), [['X-Big', pattern(256)]])),
      ErrorCode.MalformedMetadata,
    )
  })

  it('leave decodeMetadata without a limit unless one is asked for', () => {
    const bytes = encodeMetadata([['X-k', pattern(1000)]])
    expect(decodeMetadata(bytes).get('X-k')!.length).toBe(1000)
    expectProtocolError(() => decodeMetadata(bytes, { maxValueSize: 999 }), ErrorCode.MalformedMetadata)
  })
})

describe('an engine whose peer announces a routing id over 255 octets', () => {
  it('fails the handshake with a typed error and closes', () => {
    const errors: ZmtpError[] = []
    let handshakes = 0
    const engine = new Engine(
      { socketType: 'ROUTER', handshakeInterval: 0 },
      {
        write: () => {},
        handshake: () => {
          handshakes++
        },
        message: () => {},
        subscription: () => {},
        error: (error) => errors.push(error),
      },
    )
    engine.start()
    const ready = encodeCommandFrame(
      encodeReady([
        [Property.SocketType, 'DEALER'],
        [Property.Identity, pattern(256)],
      ]),
    )
    engine.receive(concatBytes([encodeGreeting({ mechanism: 'NULL' }), ready]))
    expect(handshakes).toBe(0)
    expect(errors.map((error) => error.code)).toEqual([ErrorCode.MalformedMetadata])
    expect(engine.closed).toBe(true)
  })
})
