import type { SocketEvent } from '@zmtp/patterns'
import type { Painter } from './colour.js'

/** Every monitor event type a socket emits while it is open (`end` comes only with close). */
export const EVENT_TYPES = [
  'accept',
  'accept:error',
  'bind',
  'bind:error',
  'close',
  'connect',
  'connect:delay',
  'connect:retry',
  'disconnect',
  'handshake',
  'handshake:error:protocol',
  'handshake:error:auth',
  'handshake:error:other',
] as const

/** What a monitor event looks like as data: the JSON line `zmtp monitor --format json` prints. */
export interface EventRecord {
  time: string
  type: string
  address?: string
  interval?: number
  error?: { code?: string; message: string }
}

/** `event` at `time` as an {@link EventRecord}. */
export function eventRecord(event: SocketEvent, time: Date): EventRecord {
  const record: EventRecord = { time: time.toISOString(), type: event.type }
  if (event.address !== undefined) record.address = event.address
  if (event.interval !== undefined) record.interval = event.interval
  if (event.error !== undefined) {
    const code = (event.error as { code?: unknown }).code
    record.error = { message: event.error.message, ...(typeof code === 'string' ? { code } : {}) }
  }
  return record
}

function styleOf(type: string): Parameters<Painter>[0] {
  if (type.includes('error') || type === 'disconnect') return 'red'
  if (type === 'handshake' || type === 'connect' || type === 'accept' || type === 'bind') return 'green'
  return 'yellow'
}

/** One line for a person: time, event, endpoint, then the retry interval and the error when present. */
export function eventLine(record: EventRecord, paint: Painter): string {
  let line = `${paint('dim', record.time)} ${paint(styleOf(record.type), record.type.padEnd(24))}`
  if (record.address !== undefined) line += ` ${record.address}`
  if (record.interval !== undefined) line += ` (next try in ${record.interval} ms)`
  if (record.error !== undefined) {
    line += ` ${paint('red', record.error.code ? `${record.error.code}: ${record.error.message}` : record.error.message)}`
  }
  return line
}
