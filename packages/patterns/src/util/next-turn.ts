type Schedule = (task: () => void) => unknown

const immediate = (globalThis as { setImmediate?: Schedule }).setImmediate

/**
 * Runs `task` on a later turn of the event loop, after pending I/O: `setImmediate` in Node, Bun and Deno,
 * a zero-delay timer in browsers (which have no `setImmediate`).
 */
export const nextTurn: (task: () => void) => void =
  typeof immediate === 'function'
    ? (task) => {
        immediate(task)
      }
    : (task) => {
        setTimeout(task, 0)
      }
