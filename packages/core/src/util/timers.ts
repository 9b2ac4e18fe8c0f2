/**
 * Lets a timer stop keeping the process alive: Node's and Bun's timers have `unref()`, Deno's are numbers
 * that `Deno.unrefTimer` takes; browsers never wait for timers to exit, so there is nothing to do there.
 * Browser-safe: every runtime API is looked up on `globalThis` and checked first.
 */
export function unrefTimer(timer: unknown): void {
  if (typeof timer === 'object' && timer !== null) {
    const refable = timer as { unref?: () => unknown }
    if (typeof refable.unref === 'function') refable.unref()
    return
  }
  if (typeof timer === 'number') denoTimers()?.unrefTimer?.(timer)
}

/** Deno's timer controls, where they exist. */
function denoTimers(): { unrefTimer?(id: number): void; refTimer?(id: number): void } | undefined {
  return (globalThis as { Deno?: { unrefTimer?(id: number): void; refTimer?(id: number): void } }).Deno
}
