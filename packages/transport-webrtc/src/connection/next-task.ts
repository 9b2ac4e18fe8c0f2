/**
 * Runs `callback` in a later task, after pending I/O: `setImmediate` in Node (callbacks run in the order
 * they were queued, after those that node-datachannel's polyfill queued before), a `MessageChannel`
 * message in browsers, which `setTimeout` would clamp to 4 ms.
 */
export const nextTask: (callback: () => void) => void = (() => {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate
  if (immediate) return (callback) => void immediate(callback)
  const queue: (() => void)[] = []
  const channel = new MessageChannel()
  channel.port1.onmessage = () => queue.shift()?.()
  return (callback) => {
    queue.push(callback)
    channel.port2.postMessage(null)
  }
})()
