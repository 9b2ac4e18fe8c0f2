/**
 * Loads @zmtp/transport-ws if it has been built. It is under construction alongside this suite, so its
 * absence is reported as "not built yet" rather than failing the run. The specifier goes through a
 * variable so that TypeScript does not need its declarations to compile this package.
 */
import type { Transport } from '@zmtp/patterns'

type WsFactory = (options?: Record<string, unknown>) => Transport

export async function loadZmtpWs(): Promise<WsFactory | null> {
  const specifier = '@zmtp/transport-ws'
  try {
    const module = (await import(specifier)) as { ws?: unknown }
    return typeof module.ws === 'function' ? (module.ws as WsFactory) : null
  } catch {
    return null
  }
}
