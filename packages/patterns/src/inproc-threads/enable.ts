/**
 * Makes `inproc://` names process-wide across worker threads, as in libzmq (and zeromq.js), whose
 * context is process-wide: a socket in one thread may connect to a name bound in another. Imported
 * for its effect by the Node entry only: in a browser a BroadcastChannel reaches other tabs, which
 * inproc must never do.
 */
import { setInprocPeers } from '../inproc.js'
import { ThreadRegistry } from './registry.js'

/** Whether this is a worker thread; false where `node:worker_threads` does not exist. */
function isWorkerThread(): Promise<boolean> {
  // A variable specifier, so that neither TypeScript's browser build nor a bundler resolves it.
  const specifier = 'node:worker_threads'
  return import(specifier).then(
    (module: { isMainThread?: boolean }) => module.isMainThread === false,
    () => false,
  )
}

if (typeof BroadcastChannel === 'function') setInprocPeers(new ThreadRegistry(isWorkerThread()))
