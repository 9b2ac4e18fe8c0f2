import fc from 'fast-check'
import {
  encodeCancel,
  encodeCommand,
  encodeCommandFrame,
  encodeError,
  encodeFrame,
  encodeGreeting,
  encodePing,
  encodePong,
  encodeReady,
  encodeSubscribe,
  FrameFlags,
  Property,
  ZmtpError,
} from '../../src/index.js'
import { concat } from '../codec-helpers.js'

/**
 * Inputs for the codec and engine fuzz test: valid ZMTP streams and ZWS messages, ways to damage them,
 * and the knobs (seed, time box, run count) a longer run sets through the environment.
 */

/** Fixed by default so CI is reproducible; `ZMTP_FUZZ_SEED` picks another. */
export const FUZZ_SEED = Number(process.env.ZMTP_FUZZ_SEED ?? 0x5eed)
/** Time box per property in ms (`ZMTP_FUZZ_MS`); a few seconds in all for CI. */
export const FUZZ_MS = Number(process.env.ZMTP_FUZZ_MS ?? 700)
/** Upper bound on inputs per property (`ZMTP_FUZZ_RUNS`); the time box usually ends a run first. */
export const FUZZ_RUNS = Number(process.env.ZMTP_FUZZ_RUNS ?? 1_000_000)

/** Options for `fc.check`: the time box ends a run without failing it. */
export function fuzzParameters(offset: number): fc.Parameters<unknown> {
  return {
    seed: FUZZ_SEED + offset,
    numRuns: FUZZ_RUNS,
    interruptAfterTimeLimit: FUZZ_MS,
    markInterruptAsFailure: false,
    endOnFailure: true,
  }
}

/** A thrown or reported error that is ours and was not a wrapped internal failure (a RangeError, say). */
export function isTypedError(error: unknown): boolean {
  if (!(error instanceof ZmtpError)) return false
  const cause = (error as { cause?: unknown }).cause
  return cause === undefined || cause instanceof ZmtpError
}

const bytes = (maxLength: number) => fc.uint8Array({ maxLength })

/** A command body a peer might send after the handshake, valid or not in its data. */
export const commandBody: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 0xffff }), bytes(20))
    .map(([ttl, context]) => encodePing(ttl, context.subarray(0, 16))),
  bytes(16).map((context) => encodePong(context)),
  bytes(40).map((topic) => encodeSubscribe(topic)),
  bytes(40).map((topic) => encodeCancel(topic)),
  fc.string({ maxLength: 40 }).map((reason) => encodeError(reason)),
  fc.tuple(fc.stringMatching(/^[A-Z]{1,12}$/), bytes(30)).map(([name, data]) => encodeCommand(name, data)),
  bytes(30),
)

/** One frame: data (possibly MORE, possibly long) or command. */
export const frame: fc.Arbitrary<{ flags: number; body: Uint8Array }> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.boolean(), bytes(300))
      .map(([more, body]) => ({ flags: more ? FrameFlags.More : 0, body })),
  },
  { weight: 1, arbitrary: commandBody.map((body) => ({ flags: FrameFlags.Command, body })) },
)

/** The READY a DEALER-like peer sends, with an Identity that may pass the 255-octet limit or not. */
export const readyBody: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.constantFrom('DEALER', 'REQ', 'ROUTER', 'PUB', 'X'), bytes(300), fc.boolean())
  .map(([type, identity, extra]) =>
    encodeReady([
      [Property.SocketType, type],
      [Property.Identity, identity],
      ...(extra ? ([['X-Extra', 'v']] as [string, string][]) : []),
    ]),
  )

/** A whole stream from a peer over tcp: greeting, READY, then frames. */
export const zmtpStream: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.constantFrom(0, 1), readyBody, fc.array(frame, { maxLength: 12 }))
  .map(([minor, ready, frames]) =>
    concat(
      ...[
        encodeGreeting({ mechanism: 'NULL', minor }),
        encodeCommandFrame(ready),
        ...frames.map(({ flags, body }) => encodeFrame(flags, body)),
      ],
    ),
  )

/** The messages from a peer over ZWS 2.0/NULL: READY, then one message per frame (flags octet + body). */
export const zwsMessages: fc.Arbitrary<Uint8Array[]> = fc
  .tuple(readyBody, fc.array(frame, { maxLength: 12 }))
  .map(([ready, frames]) => [
    zws(FrameFlags.Command, ready),
    ...frames.map(({ flags, body }) => zws(flags, body)),
  ])

function zws(flags: number, body: Uint8Array): Uint8Array {
  const message = new Uint8Array(1 + body.length)
  message[0] = (flags & FrameFlags.More ? 0x01 : 0) | (flags & FrameFlags.Command ? 0x02 : 0)
  message.set(body, 1)
  return message
}

/** One change to a byte string: positions are taken modulo its length. */
type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; value: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number }

export const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({
      kind: fc.constant('set' as const),
      at: fc.nat(),
      value: fc.constantFrom(0, 1, 2, 4, 0x7f, 0x80, 0xff),
    }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: bytes(12) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  ),
  { minLength: 1, maxLength: 4 },
)

export function mutate(input: Uint8Array, changes: readonly Mutation[]): Uint8Array {
  let out: Uint8Array = input.slice()
  for (const change of changes) {
    const at = out.length === 0 ? 0 : change.at % out.length
    switch (change.kind) {
      case 'flip':
        if (out.length > 0) out[at]! ^= 1 << change.bit
        break
      case 'set':
        if (out.length > 0) out[at] = change.value
        break
      case 'insert':
        out = concat(...[out.subarray(0, at), change.value, out.subarray(at)])
        break
      case 'delete':
        out = concat(...[out.subarray(0, at), out.subarray(at + change.count)])
        break
      case 'truncate':
        out = out.slice(0, at)
        break
    }
  }
  return out
}

/** Cut positions for splitting a stream into chunks as a socket would deliver it. */
export const cuts: fc.Arbitrary<number[]> = fc.array(fc.nat(), { maxLength: 12 })
