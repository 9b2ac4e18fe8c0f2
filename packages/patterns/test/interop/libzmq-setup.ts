/**
 * Shared setup of the pattern interop suites against real libzmq (4.3.4 through Debian's pyzmq): one
 * libzmq peer process per suite, our sockets and libzmq's closed after every test, and helpers to
 * join one of ours to one of libzmq's in either direction over any transport both speak.
 */
import {
  LibzmqError,
  type LibzmqPeer,
  type LibzmqSocket,
  type LibzmqSocketType,
  type OptionValue,
  startLibzmq,
} from '@zmtp/test-peers'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { Socket } from '../../src/index.js'
import { nextEvent, socketTracker } from '../helpers.js'
import { ALL_TRANSPORTS, removeIpcFiles, type TransportCase } from '../transport-cases.js'

/** A transport as libzmq 4.3.4 speaks it. */
export interface LibzmqTransport extends TransportCase {
  /**
   * Whether libzmq reports HANDSHAKE_SUCCEEDED before the ZMTP READY exchange: its ws engine does so
   * once the WebSocket upgrade is done, so a pairing refused at READY still shows that event there.
   */
  readonly handshakeAtUpgrade: boolean
}

/** tcp, ipc and ws (libzmq 4.3.4 has no wss here). */
export const LIBZMQ_TRANSPORTS: LibzmqTransport[] = ALL_TRANSPORTS.map((t) => ({
  ...t,
  handshakeAtUpgrade: t.name === 'ws',
}))

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
    removeIpcFiles()
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
     * Joins `ours` and `other`: the binder listens on `bindTo` (a transport case's fresh endpoint) and
     * the other connects. Resolves with the endpoint once both sides report the handshake (consuming
     * libzmq's event).
     */
    async join(ours: OurSocket, other: LibzmqSocket, binder: Binder, bindTo: string): Promise<string> {
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

/** Asserts a libzmq call failed with `errno` (e.g. a bounded receive that got nothing: EAGAIN). */
export async function expectErrno(promise: Promise<unknown>, errno: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(LibzmqError)
  expect((error as LibzmqError).errno).toBe(errno)
}
