import { Router } from '@zmtp/patterns'
import { tcp } from '@zmtp/transport-tcp'
import { type SignalingError, serveSignaling } from '@zmtp/transport-webrtc/server'
import { ws } from '@zmtp/transport-ws'

export interface SignalingServerOptions {
  /** Endpoints to bind: `ws://host:port/path` for browsers, `tcp://host:port` for Node peers. */
  bind: readonly string[]
  /** Largest signaling message accepted, in octets (default 64 KiB). */
  maxMessageSize?: number
  /** Called for every request refused (malformed, oversized, to an unknown id...). */
  onRefused?(error: SignalingError): void
}

/** A running signaling server. */
export interface SignalingServer {
  /** The bound endpoints, with real ports where `*` was asked for. */
  readonly endpoints: readonly string[]
  /** The peer ids announced right now. */
  ids(): string[]
  /** Stops serving and unbinds. */
  close(): void
}

/**
 * Starts the reference signaling server: a Router bound on every endpoint in `bind`, serving the
 * protocol of `@zmtp/transport-webrtc`.
 *
 * @example
 * ```ts
 * const server = await startSignalingServer({ bind: ['ws://127.0.0.1:8090', 'tcp://127.0.0.1:8091'] })
 * ```
 */
export async function startSignalingServer(options: SignalingServerOptions): Promise<SignalingServer> {
  const router = new Router({ transports: [tcp(), ws()], linger: 0 })
  const endpoints: string[] = []
  try {
    for (const endpoint of options.bind) {
      await router.bind(endpoint)
      endpoints.push(router.lastEndpoint!)
    }
  } catch (error) {
    router.close()
    throw error
  }
  const service = serveSignaling(router, {
    maxMessageSize: options.maxMessageSize,
    onRefused: options.onRefused,
  })
  return { endpoints, ids: () => service.ids(), close: () => router.close() }
}
