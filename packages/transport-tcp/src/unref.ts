/**
 * Lets a server or socket stop keeping the process alive (`unref()`), where the runtime's `node:net`
 * has it: Bun's and Deno's compatibility layers may lack it, and the handle then simply stays counted.
 */
export function unrefHandle(handle: { unref?: () => unknown }): void {
  if (typeof handle.unref === 'function') handle.unref()
}
