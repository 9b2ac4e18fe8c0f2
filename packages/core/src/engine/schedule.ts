/**
 * Runs `task` soon, after the current burst of synchronous work and promise continuations, so that
 * many `send()` calls made in a row leave in one write. A microtask would run between every awaited
 * send and defeat the batching; a macrotask lets the burst finish first.
 * @internal
 */
export const scheduleMacrotask: (task: () => void) => void = pickScheduler()

function pickScheduler(): (task: () => void) => void {
  const global = globalThis as { setImmediate?: (task: () => void) => unknown }
  if (typeof global.setImmediate === 'function') {
    const setImmediate = global.setImmediate
    return (task) => {
      setImmediate(task)
    }
  }
  if (typeof MessageChannel === 'function') {
    // Browsers clamp nested setTimeout(0) to 4 ms; a message port callback runs as soon as possible.
    const channel = new MessageChannel()
    const queue: (() => void)[] = []
    channel.port1.onmessage = () => {
      const task = queue.shift()
      task?.()
    }
    return (task) => {
      queue.push(task)
      channel.port2.postMessage(null)
    }
  }
  return (task) => {
    setTimeout(task, 0)
  }
}
