import { nextTask } from './next-task.js'

/**
 * Closes a data channel, then its peer connection, in that order, and calls `then` once both are closed.
 *
 * node-datachannel's polyfill hands `channel.close()` to the native side only in its next `setImmediate`.
 * Closing the peer connection before that left the native channel, now and then, without its close
 * callback ever being called, and that callback's thread-safe function holds the event loop: the process
 * did not exit after its last socket had closed (the cli's req/rep test, about 1 run in 40 under load).
 * Closing the peer connection one task later, after the channel's own close has reached the native side,
 * lets the channel close first, with its callback, as when the remote side closes it.
 */
export function closePeer(peer: RTCPeerConnection, channel: RTCDataChannel, then?: () => void): void {
  try {
    channel.close()
  } finally {
    nextTask(() => {
      try {
        peer.close()
      } finally {
        then?.()
      }
    })
  }
}
