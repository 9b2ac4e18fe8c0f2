import { RTCPeerConnection as Polyfill } from 'node-datachannel/polyfill'
import type { PeerConnectionClass } from '../../src/index.js'

/**
 * node-datachannel's RTCPeerConnection, counting how many were made and how many closed: what the
 * transport leaks shows as the difference.
 */
export function countingPeerConnection(): {
  PeerConnection: PeerConnectionClass
  open(): number
  made(): number
  /** Resolves once every peer connection made so far has been closed. */
  allClosed(): Promise<void>
} {
  let made = 0
  let closed = 0
  let waiters: (() => void)[] = []
  const Base = Polyfill as unknown as PeerConnectionClass
  class Counting extends Base {
    #closed = false
    constructor(configuration?: RTCConfiguration) {
      super(configuration)
      made++
    }
    override close(): void {
      if (!this.#closed) {
        this.#closed = true
        closed++
      }
      super.close()
      if (made === closed) {
        for (const wake of waiters) wake()
        waiters = []
      }
    }
  }
  const allClosed = () =>
    made === closed ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))
  return { PeerConnection: Counting, open: () => made - closed, made: () => made, allClosed }
}
