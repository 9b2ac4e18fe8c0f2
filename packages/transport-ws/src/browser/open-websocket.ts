import { abortReason, ErrorCode, TimeoutError, TransportError } from '@zmtp/core'

/**
 * Waits for a W3C `WebSocket` (a browser's, or Bun's) to open with one of the offered subprotocols, and
 * rejects, closing it, when it fails, closes, is aborted, picks another subprotocol, or (with `timeout`)
 * takes too long. Such a socket tells nothing about why it failed: refused, 403 and no common
 * subprotocol all look alike.
 */
export function awaitOpen(
  socket: WebSocket,
  url: string,
  offer: readonly string[],
  signal: AbortSignal | undefined,
  timeout?: number,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    let settled = false
    const timer =
      timeout === undefined
        ? undefined
        : setTimeout(
            () =>
              fail(
                new TimeoutError(
                  ErrorCode.HandshakeTimeout,
                  `connect ${url} failed: the upgrade took too long`,
                ),
              ),
            timeout,
          )
    const finish = () => {
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      socket.onopen = socket.onerror = socket.onclose = null
    }
    const fail = (error: unknown) => {
      if (settled) return
      finish()
      socket.close()
      reject(error)
    }
    const onAbort = () => fail(abortReason(signal!))
    signal?.addEventListener('abort', onAbort, { once: true })
    socket.onerror = () =>
      fail(
        new TransportError(
          ErrorCode.ConnectionRefused,
          `connect ${url} failed (refused, or the upgrade was rejected)`,
        ),
      )
    socket.onclose = () =>
      fail(
        new TransportError(ErrorCode.ConnectionRefused, `connect ${url} failed: closed during the upgrade`),
      )
    socket.onopen = () => {
      if (!offer.includes(socket.protocol)) {
        const chosen = socket.protocol === '' ? 'no subprotocol' : `"${socket.protocol}"`
        fail(
          new TransportError(
            ErrorCode.BadUpgrade,
            `connect ${url} failed: the server chose ${chosen}, we offered ${offer.join(', ')}`,
          ),
        )
        return
      }
      finish()
      resolve(socket)
    }
  })
}
