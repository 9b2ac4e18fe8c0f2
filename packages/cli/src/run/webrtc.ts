import type { Transport } from '@zmtp/core'
import { Dealer } from '@zmtp/patterns'
import type { SocketSignaling } from '@zmtp/transport-webrtc'
import { CliError } from '../cli-error.js'
import type { RunContext } from './context.js'
import { endpointError } from './endpoint-errors.js'
import { type TlsFlags, transports } from './transports.js'

/** `--signal` and `--ice-server`: how `webrtc://` endpoints find their peers. */
export interface WebRtcFlags {
  signal?: string
  iceServer?: string[]
}

/** One signaling client per run, shared by its sockets (a proxy has two). */
const clients = new WeakMap<RunContext, SocketSignaling>()

/** True when `endpoint` is a `webrtc://` one. */
export function isWebRtc(endpoint: string): boolean {
  return endpoint.startsWith('webrtc://')
}

/**
 * The `webrtc://` transport for a socket of this run, signaling through the server at `--signal` (reached
 * over tcp:// or ws://, with the TLS flags for wss://), or undefined without `--signal`. The signaling
 * client closes when the run ends. WebRTC's modules load only here, so other runs start without them.
 */
export async function webrtcTransport(
  ctx: RunContext,
  flags: WebRtcFlags & TlsFlags,
): Promise<Transport | undefined> {
  if (flags.signal === undefined) return undefined
  const { SocketSignaling, webrtc } = await import('@zmtp/transport-webrtc')
  let signaling = clients.get(ctx)
  if (signaling === undefined) {
    // Our own Dealer rather than connectSignaling's, to hear why the server cannot be reached.
    const dealer = new Dealer({ transports: transports(flags), linger: 0 })
    const label = `the signaling server ${flags.signal}`
    dealer.events.on('connect:delay', (event) => ctx.noteConnectError(label, event.error?.message))
    dealer.events.on('handshake', () => ctx.noteConnectError(label, undefined))
    try {
      dealer.connect(flags.signal)
    } catch (error) {
      dealer.close()
      const failure = endpointError(error, flags.signal, 'connect')
      throw new CliError(failure.code, `--signal: ${failure.message}`, failure.fix)
    }
    const client = new SocketSignaling(dealer)
    signaling = client
    clients.set(ctx, client)
    ctx.onClose(() => client.close())
  }
  return webrtc({
    signaling,
    ...(flags.iceServer?.length ? { iceServers: [{ urls: flags.iceServer }] } : {}),
  }) as Transport
}

/** A usage error when `endpoints` name a webrtc:// peer but no signaling server was given. */
export function requireSignal(endpoints: readonly string[], flags: WebRtcFlags): void {
  const endpoint = endpoints.find(isWebRtc)
  if (endpoint !== undefined && flags.signal === undefined) {
    throw new CliError(
      'ERR_USAGE',
      `${endpoint} needs a signaling server to meet its peer`,
      "add --signal tcp://host:port (run one with 'zmtp signal --bind tcp://127.0.0.1:8091')",
    )
  }
}
