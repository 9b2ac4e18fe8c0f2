/**
 * Makes `inproc://` names process-wide across worker threads, as in libzmq (and zeromq.js), whose
 * context is process-wide: a socket in one thread may connect to a name bound in another. Imported
 * for its effect by the Node entry only: in a browser a BroadcastChannel reaches other tabs, which
 * inproc must never do.
 */
import { setInprocPeers } from '../inproc.js'
import { REGISTRY_CHANNEL, ThreadRegistry } from './registry.js'

/** Node's `process`, reached through `globalThis` since the browser-safe build has no Node types. */
const nodeProcess = (globalThis as { process?: { on?(event: 'exit', listener: () => void): unknown } })
  .process

/**
 * Whether this runtime's BroadcastChannel can stop keeping the process alive (Node's and Bun's `unref()`).
 * Where it cannot (Deno), an idle program would never exit: inproc then stays within each thread.
 */
function channelsCanUnref(): boolean {
  if (typeof BroadcastChannel !== 'function') return false
  const probe = new BroadcastChannel(`${REGISTRY_CHANNEL}:probe`)
  const can = typeof (probe as { unref?: unknown }).unref === 'function'
  probe.close()
  return can
}

if (channelsCanUnref()) {
  const registry = new ThreadRegistry()
  setInprocPeers(registry)
  // A worker that calls process.exit() with sockets open still tells its peers (Worker.terminate() does
  // not run exit listeners: those peers are not told).
  nodeProcess?.on?.('exit', () => registry.shutdown())
}
