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
} {
  let made = 0
  let closed = 0
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
    }
  }
  return { PeerConnection: Counting, open: () => made - closed, made: () => made }
}
