import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import {
  decodeCommand,
  decodeError,
  decodeMetadata,
  decodePing,
  decodeReady,
  Engine,
  type EngineOptions,
  FrameDecoder,
  GreetingDecoder,
  type ZmtpError,
} from '../src/index.js'
import { split } from './codec-helpers.js'
import {
  cuts,
  FUZZ_MS,
  FUZZ_RUNS,
  FUZZ_SEED,
  fuzzParameters,
  isTypedError,
  mutate,
  mutations,
  zmtpStream,
  zwsMessages,
} from './support/fuzz-inputs.js'

/**
 * Random and mutated input for the codec and the engine, cut at random places. The only outcomes allowed
 * are success and a typed error ({@link isTypedError}); a throw of anything else, or a throw out of
 * `Engine.receive` (documented never to throw), fails. CI runs each property for FUZZ_MS with a fixed
 * seed; `pnpm --filter @zmtp/core fuzz` runs a long campaign (see package.json).
 */

/** Inputs run per property, summed for the log line of a long run. */
const counts = new Map<string, number>()

function check<T>(
  name: string,
  offset: number,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => void,
): void {
  const details = fc.check(
    fc.property(arbitrary, (value) => {
      predicate(value)
    }),
    fuzzParameters(offset),
  )
  counts.set(name, details.numRuns)
  if (details.failed) {
    throw new Error(
      `${name} failed after ${details.numRuns} inputs (seed ${details.seed}, path ${details.counterexamplePath}): ${String(details.errorInstance)}\n${fc.stringify(details.counterexample)}`,
    )
  }
  expect(details.numRuns).toBeGreaterThan(0)
}

/** Runs `decode`, accepting success or a typed error only. */
function typedOrFine(decode: () => unknown): void {
  try {
    decode()
  } catch (error) {
    if (!isTypedError(error)) throw error
  }
}

/** Feeds chunks to a frame decoder; after its first (typed) error it must stay quietly failed. */
function feedDecoder(chunks: readonly Uint8Array[]): void {
  const decoder = new FrameDecoder(() => {}, { maxFrameSize: 1 << 20 })
  let failed = false
  for (const chunk of chunks) {
    try {
      decoder.push(chunk)
    } catch (error) {
      if (failed || !isTypedError(error)) throw error
      failed = true
    }
  }
}

/** Feeds input to an engine through its public API; it must never throw, and report only typed errors. */
function feedEngine(options: Partial<EngineOptions>, inputs: readonly Uint8Array[]): void {
  const errors: ZmtpError[] = []
  const engine = new Engine(
    { socketType: 'ROUTER', handshakeInterval: 0, maxMessageSize: 1 << 20, ...options },
    {
      write: () => {},
      handshake: () => {},
      message: () => {},
      subscription: () => {},
      error: (error) => errors.push(error),
    },
  )
  engine.start()
  for (const input of inputs) {
    engine.receive(input)
    engine.flush()
  }
  engine.close()
  expect(errors.length).toBeLessThanOrEqual(1)
  for (const error of errors) if (!isTypedError(error)) throw error
}

const anyBytes = fc.uint8Array({ maxLength: 600 })

describe(`codec and engine fuzz (seed ${FUZZ_SEED}, ${FUZZ_MS} ms per property, at most ${FUZZ_RUNS} inputs)`, () => {
  it('frame decoder: random bytes in random chunks', () => {
    check('decoder-random', 1, fc.tuple(anyBytes, cuts), ([input, at]) => feedDecoder(split(input, at)))
  })

  it('frame decoder: mutated valid streams in random chunks', () => {
    check('decoder-mutated', 2, fc.tuple(zmtpStream, mutations, cuts), ([stream, changes, at]) =>
      feedDecoder(split(mutate(stream.subarray(64), changes), at)),
    )
  })

  it('greeting, command, READY, PING, ERROR and metadata decoders: random and mutated bytes', () => {
    const input = fc.oneof(
      anyBytes,
      fc.tuple(zmtpStream, mutations).map(([stream, changes]) => mutate(stream, changes)),
      fc.tuple(zmtpStream, mutations).map(([stream, changes]) => mutate(stream.subarray(64 + 2), changes)),
    )
    check('decoders', 3, input, (bytes) => {
      typedOrFine(() => new GreetingDecoder().push(bytes))
      typedOrFine(() => decodeCommand(bytes))
      typedOrFine(() => decodeReady(bytes))
      typedOrFine(() => decodeMetadata(bytes))
      typedOrFine(() => decodePing(bytes))
      typedOrFine(() => decodeError(bytes))
    })
  })

  it('engine over a stream: valid, random and mutated input in random chunks', () => {
    const input = fc.oneof(
      zmtpStream,
      anyBytes,
      fc.tuple(zmtpStream, mutations).map(([stream, changes]) => mutate(stream, changes)),
    )
    check('engine-stream', 4, fc.tuple(input, cuts), ([stream, at]) => feedEngine({}, split(stream, at)))
  })

  it('engine over ZWS messages: valid, random and mutated messages', () => {
    const input = fc.oneof(
      zwsMessages,
      fc.array(anyBytes, { maxLength: 8 }),
      fc
        .tuple(zwsMessages, fc.nat(), mutations)
        .map(([messages, which, changes]) =>
          messages.map((message, i) => (i === which % messages.length ? mutate(message, changes) : message)),
        ),
    )
    check('engine-zws', 5, input, (messages) => feedEngine({ framing: 'message' }, messages))
  })

  afterAll(() => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    console.log(`fuzz: ${total} inputs (${[...counts].map(([name, n]) => `${name} ${n}`).join(', ')})`)
  })
})
