import { afterEach } from 'vitest'

/**
 * Sockets a test file opened, closed after each test. Import `track` from a test file; the
 * `afterEach` it registers runs for that file.
 */
const open: { close(): void }[] = []

export function track<S extends { close(): void }>(socket: S): S {
  open.push(socket)
  return socket
}

afterEach(() => {
  for (const socket of open.splice(0)) socket.close()
})
