/**
 * The default context's options, shared by every thread of the process as libzmq's process-wide
 * context is: they live in a SharedArrayBuffer that Node hands to each new worker with its environment
 * data (`setEnvironmentData`), so an option set in one thread reads the same in all of them.
 */
import * as threads from 'node:worker_threads'

// The layout (slot count) is part of the key, so two copies of this package with different layouts
// never read each other's memory.
const keyPrefix = '@zmtp/zeromq:default-context:'

/**
 * Int32 slots holding `defaults` at first: the ones this thread's parent shared, when it loaded this
 * package before starting the thread, else new ones, which threads started from now on inherit. Where
 * worker environment data is missing (runtimes without it), the slots are this thread's own.
 */
export function processWideSlots(defaults: readonly number[]): Int32Array {
  const key = `${keyPrefix}${defaults.length}`
  const { getEnvironmentData, setEnvironmentData } = threads as Partial<typeof threads>
  const inherited = getEnvironmentData?.(key)
  if (inherited instanceof SharedArrayBuffer) return new Int32Array(inherited)
  const slots = new Int32Array(new SharedArrayBuffer(defaults.length * Int32Array.BYTES_PER_ELEMENT))
  slots.set(defaults)
  setEnvironmentData?.(key, slots.buffer as SharedArrayBuffer)
  return slots
}
