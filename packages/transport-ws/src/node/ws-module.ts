import { ErrorCode, TransportError } from '@zmtp/core'

/**
 * The `ws` package, loaded on the first dial or bind rather than when this package is imported: it is
 * CommonJS behind an ES module wrapper, and loading it took about 125 ms here, which every program that
 * registers the ws transport without using it (the zeromq drop-in registers tcp, ipc and ws) paid at start.
 */
let loading: Promise<typeof import('ws')> | undefined

/** Resolves with `ws`; a failed load (ws not installed) is not kept, so a later attempt tries again. */
export function loadWs(): Promise<typeof import('ws')> {
  loading ??= import('ws').catch((error: unknown) => {
    loading = undefined
    throw new TransportError(ErrorCode.NotSupported, 'the ws transport needs the `ws` package in Node', {
      cause: error,
    })
  })
  return loading
}
