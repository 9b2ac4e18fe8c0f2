import type { Socket, SocketEvent, SocketOptions } from '@zmtp/patterns'
import { CliError } from '../cli-error.js'
import type { SocketType } from '../socket-types.js'
import { EVENT_TYPES, eventLine, eventRecord } from '../terminal/event-line.js'
import type { RunContext } from './context.js'
import { ENDPOINT_FORMS, endpointError } from './endpoint-errors.js'
import { mechanismFrom, type SecurityFlags } from './security.js'
import { type TlsFlags, transports } from './transports.js'
import { requireSignal, type WebRtcFlags, webrtcTransport } from './webrtc.js'

/** The flags every socket command shares. */
export interface SocketFlags extends TlsFlags, SecurityFlags, WebRtcFlags {
  bind?: string[]
  connect?: string[]
  linger?: number
  sendHwm?: number
  receiveHwm?: number
  routingId?: string
  timeout?: number
  reconnect?: number
  verbose?: boolean
}

const handshakes = new WeakMap<Socket, Promise<void>>()

/** Resolves once any peer of a socket made by {@link openSocket} has completed its handshake. */
export function firstHandshake(socket: Socket): Promise<void> {
  return handshakes.get(socket) ?? Promise.resolve()
}

/** How {@link openSocket} treats the socket beyond the flags. */
export interface OpenOptions {
  /** Names the socket in notes (the command name by default). */
  label?: string
  /** Whether a failed handshake on a connection we made ends the run (exit 2). The monitor only reports it. */
  failOnHandshake?: boolean
  /** Called before binding and connecting, so that listeners see the first events. */
  onCreate?: (socket: Socket) => void
}

/** The socket options the flags ask for. */
export function socketOptions(flags: SocketFlags): SocketOptions {
  const options: SocketOptions = { transports: transports(flags) }
  if (flags.linger !== undefined) options.linger = flags.linger
  if (flags.sendHwm !== undefined) options.sendHighWaterMark = flags.sendHwm
  if (flags.receiveHwm !== undefined) options.receiveHighWaterMark = flags.receiveHwm
  if (flags.routingId !== undefined) options.routingId = flags.routingId
  if (flags.reconnect !== undefined) options.reconnectInterval = flags.reconnect
  const mechanism = mechanismFrom(flags)
  if (mechanism) options.mechanism = mechanism
  if (flags.timeout !== undefined) {
    options.sendTimeout = flags.timeout
    options.receiveTimeout = flags.timeout
  }
  return options
}

/**
 * Creates a socket of `type`, watches its events (a failed handshake on a connection we made ends the run
 * with exit 2; `--verbose` prints every event), binds and connects it. Bound wildcards are reported on
 * stderr with the real address, so a script can read the port.
 */
export async function openSocket(
  ctx: RunContext,
  type: SocketType,
  flags: SocketFlags,
  { label = type.name, failOnHandshake = true, onCreate }: OpenOptions = {},
): Promise<Socket> {
  const binds = flags.bind ?? []
  const connects = flags.connect ?? []
  if (binds.length === 0 && connects.length === 0) {
    throw new CliError(
      'ERR_USAGE',
      `${label} needs an endpoint`,
      `add --bind URL or --connect URL (${ENDPOINT_FORMS})`,
    )
  }
  requireSignal([...binds, ...connects], flags)
  if (flags.linger !== undefined) ctx.linger = Math.max(ctx.linger ?? 0, flags.linger)
  const options = socketOptions(flags)
  const rtc = await webrtcTransport(ctx, flags)
  if (rtc) options.transports = [...(options.transports ?? []), rtc]
  const socket = ctx.track(type.create(options))
  handshakes.set(socket, new Promise((resolve) => socket.events.once('handshake', () => resolve())))
  onCreate?.(socket)
  const bound = new Set<string>()
  watchEvents(ctx, socket, type, flags, failOnHandshake ? bound : undefined)
  for (const endpoint of binds) {
    try {
      await socket.bind(endpoint)
    } catch (error) {
      throw endpointError(error, endpoint, 'bind')
    }
    const actual = socket.lastEndpoint ?? endpoint
    bound.add(endpoint).add(actual)
    if (actual !== endpoint || flags.verbose) ctx.note(`${label} bound ${actual}`)
  }
  for (const endpoint of connects) {
    try {
      socket.connect(endpoint)
    } catch (error) {
      throw endpointError(error, endpoint, 'connect')
    }
  }
  return socket
}

function watchEvents(
  ctx: RunContext,
  socket: Socket,
  type: SocketType,
  flags: SocketFlags,
  bound: ReadonlySet<string> | undefined,
): void {
  const onEvent = (event: SocketEvent): void => {
    if (flags.verbose) ctx.streams.stderr.write(`${eventLine(eventRecord(event, new Date()), ctx.paint)}\n`)
    if (event.type === 'connect:delay') ctx.noteConnectError(event.address, event.error?.message)
    if (event.type === 'handshake' || event.type === 'connect') ctx.noteConnectError(event.address, undefined)
    if (event.type === 'handshake:error:other') ctx.noteConnectError(event.address, event.error.message)
    // Protocol and authentication failures are final (the socket stops reconnecting); others are retried.
    if (event.type === 'handshake:error:protocol' || event.type === 'handshake:error:auth') {
      const fix =
        event.type === 'handshake:error:auth'
          ? 'use the security mechanism and credentials the peer expects'
          : `a ${type.name} socket talks to ${type.peers}: check the peer's socket type and that it speaks ZMTP 3`
      const failure = new CliError(
        'ERR_HANDSHAKE',
        `handshake with ${event.address} failed: ${event.error.message}`,
        fix,
      )
      // The monitor only reports. A bad client of a bound socket is that client's problem: say so, keep serving.
      if (bound === undefined) return
      if (bound.has(event.address)) ctx.note(`${failure.message} (${fix})`)
      else ctx.fail(failure)
    }
  }
  for (const name of EVENT_TYPES) socket.events.on(name, onEvent)
}
