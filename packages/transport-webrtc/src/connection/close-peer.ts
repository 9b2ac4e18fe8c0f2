/** How long the peer connection waits for its data channel to report its close, in ms. */
const CHANNEL_CLOSE_WAIT_MS = 1_000

/**
 * Closes a data channel, then its peer connection once the channel has reported its close (or after
 * 1 s), and calls `then` once both are closed.
 *
 * node-datachannel's polyfill hands `channel.close()` to the native side only in its next `setImmediate`,
 * and reports the close later still, through a callback whose thread-safe function holds the event loop
 * until it has been called. Closing the peer connection while that report was on its way left it, now
 * and then, never called: the process did not exit after its last socket had closed (the cli's req/rep
 * test, about 1 run in 40 under load). Waiting for the channel's `close` first lets it arrive.
 */
export function closePeer(peer: RTCPeerConnection, channel: RTCDataChannel, then?: () => void): void {
  let done = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const finish = () => {
    if (done) return
    done = true
    if (timer !== undefined) clearTimeout(timer)
    channel.removeEventListener('close', finish)
    try {
      peer.close()
    } finally {
      then?.()
    }
  }
  if (channel.readyState === 'closed') {
    finish()
    return
  }
  channel.addEventListener('close', finish)
  timer = setTimeout(finish, CHANNEL_CLOSE_WAIT_MS)
  // Never the reason a process stays up: node-datachannel's pending close callback holds it while the
  // report is due, and a process that is otherwise done has nothing left to close it for.
  ;(timer as { unref?: () => void }).unref?.()
  try {
    channel.close()
  } catch {
    finish()
  }
}
