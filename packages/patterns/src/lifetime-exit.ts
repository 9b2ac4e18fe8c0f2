/**
 * The flush at exit, for the Node entry (Node, Bun, Deno): when the process has nothing left to do (its
 * `beforeExit`), sockets still open with messages queued close, so that they leave within their linger,
 * which keeps the process alive meanwhile (lifetime.ts), as libzmq's context termination at exit waits for
 * them in zeromq.js. Imported for its effect by the Node entry only.
 */
import { type ExitFlushable, processHolds, setExitRegistrar } from './lifetime.js'

/**
 * What a socket with messages still queued does when the process is about to exit: closes, so that
 * they leave within its linger (which keeps the process alive meanwhile). Returns whether it did.
 */
export type ExitFlush = () => boolean

const exitFlushes = new Set<ExitFlush>()
const exitLingerListeners = new Set<() => void>()
let exitHooked = false

/**
 * Registers `flush` to run when the process has nothing left to do (Node's `beforeExit`), as libzmq's
 * context termination at exit waits for queued messages in zeromq.js. Returns the unregistration.
 */
export function flushAtExit(flush: ExitFlush): () => void {
  hookExit()
  exitFlushes.add(flush)
  return () => exitFlushes.delete(flush)
}

/**
 * Calls `listener` each time sockets closed at exit are lingering over queued messages (so the process
 * waits for them), for example to warn as zeromq.js does. Returns the unregistration.
 */
export function onLingerAtExit(listener: () => void): () => void {
  exitLingerListeners.add(listener)
  return () => exitLingerListeners.delete(listener)
}

type NodeProcess = { on?(event: 'beforeExit', listener: () => void): unknown }

function hookExit(): void {
  if (exitHooked) return
  exitHooked = true
  const node = (globalThis as { process?: NodeProcess }).process
  if (typeof node?.on !== 'function') return
  node.on('beforeExit', () => {
    let lingering = false
    for (const flush of [...exitFlushes]) if (flush()) lingering = true
    if (lingering && processHolds() > 0) for (const listener of exitLingerListeners) listener()
  })
}

setExitRegistrar(({ socket, options, pipes }: ExitFlushable) =>
  flushAtExit(() => {
    if (socket.closed || options.linger === 0) return false
    let queued = false
    for (const pipe of pipes) if (pipe.outbound.length > 0) queued = true
    if (queued) socket.close()
    return queued
  }),
)
