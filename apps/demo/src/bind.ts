/**
 * Binding with a fallback: a demo should start even when another program holds its default port.
 */
import { ErrorCode, isZmtpError, type Socket } from '@zmtp/patterns'

/** Binds `endpoint`, or the same endpoint on an ephemeral port if that port is taken; returns the address. */
export async function bindOrEphemeral(
  socket: Socket,
  endpoint: string,
  log: (line: string) => void,
): Promise<string> {
  try {
    await socket.bind(endpoint)
  } catch (error) {
    const ephemeral = withPort(endpoint, '*')
    if (!isZmtpError(error, ErrorCode.AddressInUse) || ephemeral === endpoint) throw error
    log(`${endpoint} is in use; binding ${ephemeral} instead`)
    await socket.bind(ephemeral)
  }
  // lastEndpoint has the real port when we asked for `*`.
  return socket.lastEndpoint!
}

/** `tcp://127.0.0.1:5556` with port `*` gives `tcp://127.0.0.1:*`; the path, if any, is kept. */
export function withPort(endpoint: string, port: string): string {
  return endpoint.replace(/^([a-z]+:\/\/[^/]*:)([^/]+)/, `$1${port}`)
}

/** The port of an endpoint such as `ws://127.0.0.1:41233/market`. */
export function portOf(endpoint: string): string {
  return new URL(endpoint).port
}
