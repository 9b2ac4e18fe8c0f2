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
      // The timer itself, not a wrapper around it: a hold switches with every receive that waits, and a
      // call less per switch counts while the code still runs in the interpreter.
      return refable as Keeper
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

/** One more reason to keep the process alive; {@link releaseProcess} undoes it. */
export function acquireProcess(): void {
  if (holds++ > 0) return
  keeper ??= makeKeeper()
  keeper?.ref()
}

/** Undoes one {@link acquireProcess}. */
export function releaseProcess(): void {
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
    if (held) acquireProcess()
    else releaseProcess()
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

/** What a socket lends {@link flushQueuedAtExit}: enough to tell whether messages wait, and to close. */
export interface ExitFlushable {
  readonly socket: { readonly closed: boolean; close(): void }
  readonly options: { readonly linger: number }
  readonly pipes: Iterable<{ readonly outbound: { readonly length: number } }>
}

let exitRegistrar: ((target: ExitFlushable) => () => void) | null = null

/** Installs the flush at exit; the Node entry does (lifetime-exit.ts), a browser has no exit to wait at. */
export function setExitRegistrar(registrar: (target: ExitFlushable) => () => void): void {
  exitRegistrar = registrar
}

/**
 * Registers a socket to be flushed when the process is about to exit, where that exists: if it is still
 * open then with messages queued and a `linger` other than 0, it closes so they leave within the linger, as
 * zeromq.js's context termination waits for them. Returns the unregistration (for the socket's `close()`).
 */
export function flushQueuedAtExit(target: ExitFlushable): () => void {
  return exitRegistrar?.(target) ?? (() => {})
}
