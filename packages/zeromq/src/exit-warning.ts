import { onLingerAtExit } from '@zmtp/patterns'
import { context } from './context.js'

/** How long the wait for queued messages at exit may take before zeromq.js warns about it, in ms. */
const WARN_AFTER = 500

/**
 * zeromq.js's warning when the process waits at exit for queued messages to be delivered: sockets still
 * open with messages queued close at exit and linger over them (@zmtp/patterns), and when that takes
 * longer than half a second the same line as zeromq.js's is written to stderr. The timer does not keep
 * the process alive itself: it fires only while the lingering sockets still do.
 */
onLingerAtExit(() => {
  const timer = setTimeout(() => {
    const advice = context.blocky ? " Set 'context.blocky = false' to change this behaviour." : ''
    process.stderr.write(
      `(node:${process.pid}) WARNING: Waiting for queued ZeroMQ messages to be delivered.${advice}\n`,
    )
  }, WARN_AFTER)
  timer.unref()
})
