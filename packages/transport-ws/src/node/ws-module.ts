/**
 * The `ws` package, loaded on the first dial or bind rather than when this package is imported: it is
 * CommonJS behind an ES module wrapper, and loading it took about 125 ms here, which every program that
 * registers the ws transport without using it (the zeromq drop-in registers tcp, ipc and ws) paid at start.
 */
let loading: Promise<typeof import('ws')> | undefined

export function loadWs(): Promise<typeof import('ws')> {
  loading ??= import('ws')
  return loading
}
