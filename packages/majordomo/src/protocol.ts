import { bytes, sameBytes, text } from './bytes.js'

/**
 * MDP wire vocabulary. Version 0.1 (RFC 7) puts an empty delimiter frame before every command, because its
 * clients use REQ sockets; version 0.2 (RFC 18) drops it, and streams PARTIAL replies before a FINAL.
 */
export const MDPC01 = bytes('MDPC01')
export const MDPW01 = bytes('MDPW01')
export const MDPC02 = bytes('MDPC02')
export const MDPW02 = bytes('MDPW02')

/** Client commands of MDP/0.2 (0.1 has no command frame on the client side). */
export const ClientCommand = { Request: 1, Partial: 2, Final: 3 } as const

/** Worker command codes, which differ between the versions. */
export const WorkerCommand01 = { Ready: 1, Request: 2, Reply: 3, Heartbeat: 4, Disconnect: 5 } as const
export const WorkerCommand02 = {
  Ready: 1,
  Request: 2,
  Partial: 3,
  Final: 4,
  Heartbeat: 5,
  Disconnect: 6,
} as const

/** The protocol version a peer speaks. */
export type MdpVersion = '0.1' | '0.2'

/** A worker command, with the version's code mapped to a name. */
export type WorkerCommandName = 'ready' | 'request' | 'partial' | 'final' | 'heartbeat' | 'disconnect'

const names01: Record<number, WorkerCommandName> = {
  1: 'ready',
  2: 'request',
  3: 'final',
  4: 'heartbeat',
  5: 'disconnect',
}
const names02: Record<number, WorkerCommandName> = {
  1: 'ready',
  2: 'request',
  3: 'partial',
  4: 'final',
  5: 'heartbeat',
  6: 'disconnect',
}
const codes01: Partial<Record<WorkerCommandName, number>> = {
  ready: 1,
  request: 2,
  final: 3,
  heartbeat: 4,
  disconnect: 5,
}
const codes02: Record<WorkerCommandName, number> = {
  ready: 1,
  request: 2,
  partial: 3,
  final: 4,
  heartbeat: 5,
  disconnect: 6,
}

/** What the broker makes of one message from its Router, after the routing id. */
export type Inbound =
  | { kind: 'client'; version: MdpVersion; service: string; body: Uint8Array[] }
  | { kind: 'worker'; version: MdpVersion; command: WorkerCommandName; frames: Uint8Array[] }
  | { kind: 'invalid'; reason: string }

/** Parses a message received by the broker (frames after the sender's routing id). */
export function parseInbound(frames: Uint8Array[]): Inbound {
  let i = 0
  const delimited = frames[0]?.length === 0
  if (delimited) i = 1
  const header = frames[i]
  if (sameBytes(header, MDPC02) && !delimited) {
    if (frames[i + 1]?.[0] !== ClientCommand.Request || frames.length < i + 3) {
      return { kind: 'invalid', reason: 'MDPC02 message is not a REQUEST' }
    }
    return { kind: 'client', version: '0.2', service: text(frames[i + 2]), body: frames.slice(i + 3) }
  }
  if (sameBytes(header, MDPC01) && delimited) {
    if (frames.length < i + 2) return { kind: 'invalid', reason: 'MDPC01 request without service' }
    return { kind: 'client', version: '0.1', service: text(frames[i + 1]), body: frames.slice(i + 2) }
  }
  const version: MdpVersion | undefined =
    sameBytes(header, MDPW02) && !delimited
      ? '0.2'
      : sameBytes(header, MDPW01) && delimited
        ? '0.1'
        : undefined
  if (version === undefined) return { kind: 'invalid', reason: 'unknown protocol header' }
  const code = frames[i + 1]
  const command = code?.length === 1 ? (version === '0.1' ? names01 : names02)[code[0]!] : undefined
  if (command === undefined) return { kind: 'invalid', reason: 'unknown worker command' }
  return { kind: 'worker', version, command, frames: frames.slice(i + 2) }
}

/** Parses a message received by a worker from its broker (Dealer: no routing id). */
export function parseWorkerInbound(
  frames: Uint8Array[],
  version: MdpVersion,
): { command: WorkerCommandName; frames: Uint8Array[] } | undefined {
  const i = version === '0.1' ? 1 : 0
  if (version === '0.1' && frames[0]?.length !== 0) return undefined
  if (!sameBytes(frames[i], version === '0.1' ? MDPW01 : MDPW02)) return undefined
  const code = frames[i + 1]
  const command = code?.length === 1 ? (version === '0.1' ? names01 : names02)[code[0]!] : undefined
  return command === undefined ? undefined : { command, frames: frames.slice(i + 2) }
}

/** A worker command as frames, for either direction (without any routing id). */
export function workerCommand(
  version: MdpVersion,
  command: WorkerCommandName,
  rest: readonly Uint8Array[] = [],
): Uint8Array[] {
  if (version === '0.1') {
    // 0.1 has one REPLY where 0.2 has PARTIAL/FINAL; a 0.1 peer never gets a partial.
    const code = codes01[command === 'partial' ? 'final' : command]!
    return [new Uint8Array(0), MDPW01, Uint8Array.of(code), ...rest]
  }
  return [MDPW02, Uint8Array.of(codes02[command]), ...rest]
}

/** A reply from the broker to a client, as frames after the client's routing id. */
export function clientReply(
  version: MdpVersion,
  final: boolean,
  service: string | Uint8Array,
  body: readonly Uint8Array[],
): Uint8Array[] {
  if (version === '0.1') return [new Uint8Array(0), MDPC01, bytes(service), ...body]
  const code = final ? ClientCommand.Final : ClientCommand.Partial
  return [MDPC02, Uint8Array.of(code), bytes(service), ...body]
}

/** A client request, as the client sends it. */
export function clientRequest(
  version: MdpVersion,
  service: string,
  body: readonly Uint8Array[],
): Uint8Array[] {
  if (version === '0.1') return [new Uint8Array(0), MDPC01, bytes(service), ...body]
  return [MDPC02, Uint8Array.of(ClientCommand.Request), bytes(service), ...body]
}

/**
 * The reserved service name in a reply that carries a broker error instead of a worker's answer; its body
 * is `[code, detail]`. Names starting with `mmi.` are reserved for the broker (RFC 8).
 */
export const ERROR_SERVICE = 'mmi.error'
