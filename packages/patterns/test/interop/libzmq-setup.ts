/**
 * Shared setup of the pattern interop suites against real libzmq (4.3.4 through Debian's pyzmq): one
 * libzmq peer process per test file, our sockets and libzmq's closed after every test, and helpers to
 * join one of ours to one of libzmq's in either direction over TCP on 127.0.0.1.
 */
import {
  LibzmqError,
  type LibzmqPeer,
  type LibzmqSocket,
  type LibzmqSocketType,
  type OptionValue,
  startLibzmq,
} from '@zmtp/test-peers'
import { tcp } from '@zmtp/transport-tcp'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { Socket } from '../../src/index.js'
import { nextEvent, socketTracker } from '../helpers.js'

/** Options every socket of ours gets: the TCP transport. */
export const opts = { transports: [tcp()] }

/** Where sockets bind: an ephemeral port on loopback. */
export const ANY = 'tcp://127.0.0.1:*'

/** Who binds in a pairing: our socket (libzmq connects to it) or libzmq's (ours connects). */
export type Binder = 'ours' | 'libzmq'
export const BINDERS: Binder[] = ['ours', 'libzmq']

/** Our socket types as far as binding and connecting go. */
type OurSocket = Socket & { bind(endpoint: string): Promise<void>; connect(endpoint: string): void }

/**
 * Registers the hooks of a libzmq interop suite (call it at the top of a `describe`): one peer for the
 * file, started in `beforeAll` and stopped in `afterAll`, and every socket closed after each test.
 */
export function libzmqSuite() {
  let current: LibzmqPeer | undefined
  const theirs: LibzmqSocket[] = []
  const { track, cleanup } = socketTracker()

  beforeAll(async () => {
    current = await startLibzmq()
  })

  afterAll(async () => {
    await current?.stop()
  })

  afterEach(async () => {
    cleanup()
    for (const socket of theirs.splice(0)) {
      // A socket of a peer killed by the test is already gone.
      await socket.close().catch(() => {})
    }
  })

  const suite = {
    /** The running libzmq peer. */
    get peer(): LibzmqPeer {
      if (!current) throw new Error('libzmq peer not started')
      return current
    },

    /** Closes one of our sockets after the test. */
    ours: track,

    /** A libzmq socket (monitored, so no event is missed), with options set, closed after the test. */
    async zmq(type: LibzmqSocketType, options: Record<string, OptionValue> = {}): Promise<LibzmqSocket> {
      const socket = await suite.peer.socket(type)
      theirs.push(socket)
      await socket.monitor()
      for (const [name, value] of Object.entries(options)) await socket.setOption(name, value)
      return socket
    },

    /** SIGKILLs the peer, as a crash, and starts a fresh one for the rest of the file. */
    async restart(): Promise<void> {
      await suite.peer.kill()
      current = await startLibzmq()
    },

    /** Kills the peer without starting another yet (see {@link start}). */
    async kill(): Promise<void> {
      await suite.peer.kill()
    },

    /** Starts a fresh peer after {@link kill}. */
    async start(): Promise<void> {
      current = await startLibzmq()
    },

    /**
     * Joins `ours` and `other`: the binder listens on an ephemeral port (`bindTo`, TCP unless told) and
     * the other connects. Resolves with the endpoint once both sides report the handshake (consuming
     * libzmq's event).
     */
    async join(ours: OurSocket, other: LibzmqSocket, binder: Binder, bindTo = ANY): Promise<string> {
      const handshake = nextEvent(ours, 'handshake')
      let endpoint: string
      if (binder === 'ours') {
        await ours.bind(bindTo)
        endpoint = ours.lastEndpoint!
        await other.connect(endpoint)
      } else {
        endpoint = await other.bind(bindTo)
        ours.connect(endpoint)
      }
      await handshake
      // libzmq attaches an accepted peer to its socket when the socket is next used, after this event: an
      // XSUB sending right away could otherwise find no peer and drop the message.
      await other.waitEvent('HANDSHAKE_SUCCEEDED')
      return endpoint
    },
  }
  return suite
}

/** Frames as bytes, for exact assertions on binary and empty frames. */
export function bytes(frames: Uint8Array[]): number[][] {
  return frames.map((frame) => [...frame])
}

/** `value` as the byte arrays {@link bytes} gives, for strings and byte frames alike. */
export function expected(frames: (string | Uint8Array)[]): number[][] {
  const encoder = new TextEncoder()
  return frames.map((frame) => [...(typeof frame === 'string' ? encoder.encode(frame) : frame)])
}

/** Asserts a libzmq call failed with `errno` (e.g. a bounded receive that got nothing: EAGAIN). */
export async function expectErrno(promise: Promise<unknown>, errno: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(LibzmqError)
  expect((error as LibzmqError).errno).toBe(errno)
}

/** A multipart message with empty frames at the start, middle and end, and binary octets. */
export const MULTIPART: (string | Uint8Array)[] = ['head', '', new Uint8Array([0, 1, 255]), '', 'tail', '']

/** The port of an endpoint such as `tcp://127.0.0.1:41234`. */
export function portOf(endpoint: string): number {
  const match = /:(\d+)$/.exec(endpoint)
  if (!match) throw new Error(`no port in ${endpoint}`)
  return Number(match[1])
}

/** A deterministic byte pattern of `length` octets, cheap to build and to check. */
export function pattern(length: number, seed = 0): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed + (i >>> 12)) & 0xff
  return out
}

/** Whether two byte arrays are equal (without vitest's slow deep diff on megabytes). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  )
}
