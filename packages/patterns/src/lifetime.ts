/**
 * Process lifetime as zeromq.js has it: an open socket with nothing pending does not keep a Node (Bun,
 * Deno) process alive, so a short script exits by itself; a pending `receive()`, `send()` or `bind()`, a
 * reader of monitor events, and a closing socket that lingers over queued messages do, so a server in a
 * `for await` loop stays up. Sockets ask their transports to `unref` what they open; while any of the
 * above is under way, one timer of this thread is kept referenced, and nothing else holds the process.
 *
 * Browser-safe: the timer's `ref`/`unref` (Node, Bun) or `Deno.refTimer` are looked up first; where
 * neither exists (browsers, which never wait for timers anyway) holding does nothing.
 */

interface DenoTimers {
  refTimer?(id: number): void
  unrefTimer?(id: number): void
}

/** How the keeper timer is switched, found at the first hold. */
interface Keeper {
  ref(): void
  unref(): void
}

/** Long enough never to fire in practice; only its being referenced matters. */
const KEEPER_PERIOD = 2 ** 30

let holds = 0
let keeper: Keeper | null | undefined

function makeKeeper(): Keeper | null {
  const timer: unknown = setInterval(() => {}, KEEPER_PERIOD)
  if (typeof timer === 'object' && timer !== null) {
    const refable = timer as { ref?: () => unknown; unref?: () => unknown }
    if (typeof refable.ref === 'function' && typeof refable.unref === 'function') {
      refable.unref()
      return { ref: () => refable.ref!(), unref: () => refable.unref!() }
    }
  }
  const deno = (globalThis as { Deno?: DenoTimers }).Deno
  if (typeof timer === 'number' && typeof deno?.refTimer === 'function' && deno.unrefTimer) {
    deno.unrefTimer(timer)
    return { ref: () => deno.refTimer!(timer), unref: () => deno.unrefTimer!(timer) }
  }
  // Nothing to switch: this runtime's handles cannot be released either, so nothing needs holding.
  clearInterval(timer as ReturnType<typeof setInterval>)
  return null
}

function acquire(): void {
  if (holds++ > 0) return
  keeper ??= makeKeeper()
  keeper?.ref()
}

function release(): void {
  if (--holds > 0) return
  keeper?.unref()
}

/**
 * One reason to keep the process alive, switched on and off as the state it stands for changes (a queue
 * of waiting callers that fills and empties). Switching to the state it already has does nothing.
 */
export class ProcessHold {
  #held = false

  /** Whether this hold keeps the process alive now. */
  get held(): boolean {
    return this.#held
  }

  set(held: boolean): void {
    if (held === this.#held) return
    this.#held = held
    if (held) acquire()
    else release()
  }
}

/** Keeps the process alive until the returned function is called (once; later calls do nothing). */
export function holdProcess(): () => void {
  const hold = new ProcessHold()
  hold.set(true)
  return () => hold.set(false)
}

/** How many holds keep the process alive now (for tests and diagnostics). */
export function processHolds(): number {
  return holds
}

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

/**
 * Registers a socket for {@link flushAtExit}: at exit, if it is still open with messages queued in its
 * `pipes` and a `linger` other than 0, it closes so they leave within the linger, as zeromq.js's context
 * termination waits for them. Returns the unregistration (for the socket's `close()`).
 */
export function flushQueuedAtExit(
  socket: { readonly closed: boolean; close(): void },
  options: { readonly linger: number },
  pipes: Iterable<{ readonly outbound: { readonly length: number } }>,
): () => void {
  return flushAtExit(() => {
    if (socket.closed || options.linger === 0) return false
    let queued = false
    for (const pipe of pipes) if (pipe.outbound.length > 0) queued = true
    if (queued) socket.close()
    return queued
  })
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
    if (lingering && holds > 0) for (const listener of exitLingerListeners) listener()
  })
}
