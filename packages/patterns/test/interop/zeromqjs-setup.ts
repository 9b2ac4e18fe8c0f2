/**
 * Shared setup of the interop suites with zeromq.js 6.8.0 (its bundled libzmq 4.3.5, in this process):
 * our sockets and zeromq.js's closed after every test, and helpers to bind one side and connect the other.
 * zeromq.js is a devDependency, so it must load: a missing native binary fails these tests, never skips them.
 */
import { afterAll, afterEach, expect } from 'vitest'
import type * as zmq from 'zeromq'
import type { Socket } from '../../src/index.js'
import { nextEvent, socketTracker } from '../helpers.js'
import { removeIpcFiles, type TransportCase } from '../transport-cases.js'

/** Who binds in a pairing: our socket (zeromq.js connects to it) or zeromq.js's (ours connects). */
export type Binder = 'ours' | 'zeromq.js'
export const BINDERS: Binder[] = ['ours', 'zeromq.js']

/** Our socket types as far as binding and connecting go. */
type OurSocket = Socket & { bind(endpoint: string): Promise<void>; connect(endpoint: string): void }

/** Anything that binds and then reports where: our sockets and zeromq.js's alike. */
interface Bindable {
  bind(endpoint: string): Promise<void>
  lastEndpoint: string | null | undefined
}

/**
 * Registers the hooks of a zeromq.js interop suite over transport `t` (call it at the top of a
 * `describe`): every socket, ours and theirs, closed after each test.
 */
export function zeromqjsSuite(t: TransportCase) {
  const ours = socketTracker()
  const theirs: zmq.Socket[] = []
  afterEach(() => {
    ours.cleanup()
    for (const socket of theirs.splice(0)) socket.close()
  })
  afterAll(removeIpcFiles)

  const suite = {
    /** Closes one of our sockets after the test. */
    track: ours.track,

    /** A zeromq.js socket with linger 0, closed after the test. */
    z<T extends zmq.Socket>(socket: T): T {
      socket.linger = 0
      theirs.push(socket)
      return socket
    },

    /** Binds `socket` to a fresh endpoint of the transport and resolves with the endpoint it reports. */
    async bound(socket: Bindable): Promise<string> {
      await socket.bind(t.bindTo())
      expect(socket.lastEndpoint).toMatch(t.bound)
      return socket.lastEndpoint!
    },

    /** Binds `binder`'s socket, connects the other, and resolves with the endpoint once ours reports the handshake. */
    async join(our: OurSocket, their: zmq.Socket, binder: Binder): Promise<string> {
      const handshake = nextEvent(our, 'handshake')
      let endpoint: string
      if (binder === 'ours') {
        endpoint = await suite.bound(our)
        their.connect(endpoint)
      } else {
        endpoint = await suite.bound(their)
        our.connect(endpoint)
      }
      await handshake
      return endpoint
    },
  }
  return suite
}
