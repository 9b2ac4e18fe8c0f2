/**
 * Shared setup of the robustness suites: a bound Pull already served by a good Push, so a test can
 * check that one bad peer costs only its own connection.
 */
import { afterAll, afterEach, expect } from 'vitest'
import { Pull, Push, type SocketOptions } from '../src/index.js'
import { socketTracker, text } from './helpers.js'
import { closeRawPeers } from './raw-peers.js'
import { removeIpcFiles, type TransportCase } from './transport-cases.js'

/**
 * Registers the hooks of a robustness suite over `t` (call it at the top of a `describe`): every socket
 * and raw client closed after each test.
 */
export function robustnessSuite(t: TransportCase) {
  const { track, cleanup } = socketTracker()
  afterEach(() => {
    closeRawPeers()
    cleanup()
  })
  afterAll(removeIpcFiles)

  return {
    /** Closes one of our sockets after the test. */
    track,

    /** A Pull bound over `t` with `options`, and a good Push connected to it. */
    async servingPull(options: SocketOptions = {}) {
      const pull = track(new Pull({ ...t.options, ...options }))
      await pull.bind(t.bindTo())
      const push = track(new Push(t.options))
      push.connect(pull.lastEndpoint!)
      return { pull, push, endpoint: pull.lastEndpoint! }
    },

    /** The good peer still gets through after the bad one was dropped. */
    async stillServes(pull: Pull, push: Push) {
      await push.send('still here')
      expect(text(await pull.receive())).toEqual(['still here'])
    },
  }
}
