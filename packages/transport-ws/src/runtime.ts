/**
 * Which WebSocket client the Node entry point uses. Bun replaces the `ws` package with its own
 * implementation, whose client neither lets us write `Sec-WebSocket-Protocol` ourselves nor emits the
 * `upgrade` event we read the server's choice from, so a `ws` client under Bun never completes a ZWS
 * handshake. Bun's global `WebSocket` does accept the header, so under Bun connects use it instead.
 * Node and Deno (whose `node:http` runs the real `ws` package) keep the `ws` client.
 */
export type WsClientKind = 'ws-package' | 'global-websocket'

/** The client that works in this runtime (see the module comment). */
export function wsClientKind(global: object = globalThis): WsClientKind {
  return 'Bun' in global && typeof WebSocket === 'function' ? 'global-websocket' : 'ws-package'
}
