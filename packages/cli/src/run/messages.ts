import { setTimeout as sleep } from 'node:timers/promises'
import {
  ErrorCode,
  isZmtpError,
  type Message,
  type Readable,
  type Socket,
  type Writable,
} from '@zmtp/patterns'
import type { Format } from '../formats/format.js'
import { dataMessage, readMessages } from '../io/input.js'
import type { RunContext } from './context.js'
import { firstHandshake } from './open-socket.js'

/** The flags that say what to send and how many. */
export interface FlowFlags {
  count?: number
  interval?: number
  data?: string
  timeout?: number
  wait?: boolean
  /** The endpoints connected to: messages for them wait for the connection. */
  connect?: string[]
}

/** What a role works with. */
export interface Flow {
  readonly ctx: RunContext
  readonly socket: Socket
  readonly format: Format
  readonly flags: FlowFlags
}

/**
 * The messages to send: `--data` (once, `--count` times, or for ever with `--interval`) or stdin, one
 * message per line, at most `--count` of them, `--interval` ms apart.
 */
export async function* outgoing(flow: Flow): AsyncGenerator<Uint8Array[]> {
  const { count, interval, data } = flow.flags
  const messages =
    data !== undefined
      ? repeat(
          dataMessage(data, flow.format),
          count ?? (interval !== undefined ? Number.POSITIVE_INFINITY : 1),
        )
      : readMessages(flow.ctx.streams.stdin, flow.format)
  let sent = 0
  for await (const message of messages) {
    if (count !== undefined && sent >= count) return
    if (sent > 0 && interval !== undefined) await sleep(interval)
    yield message
    sent += 1
  }
}

function* repeat(message: Uint8Array[], times: number): Generator<Uint8Array[]> {
  for (let i = 0; i < times; i++) yield message
}

/** Sends `message`; a `--timeout` that passes first ends the run with exit 3. */
export async function send(flow: Flow, message: Message): Promise<void> {
  try {
    await (flow.socket as Socket & Writable).send(message)
  } catch (error) {
    if (isZmtpError(error, ErrorCode.Again)) throw flow.ctx.timeout('could not send', flow.flags.timeout ?? 0)
    throw error
  }
}

/** Receives a message; a `--timeout` that passes first ends the run with exit 3. */
export async function receive(flow: Flow): Promise<Message> {
  try {
    return await (flow.socket as Socket & Readable).receive()
  } catch (error) {
    if (isZmtpError(error, ErrorCode.Again))
      throw flow.ctx.timeout('nothing received', flow.flags.timeout ?? 0)
    throw error
  }
}

/** Prints `message` on stdout in the run's format. */
export function print(flow: Flow, message: readonly Uint8Array[]): Promise<void> {
  return flow.ctx.stdout.write(flow.format.encode(message))
}

/** Resolves once a peer has completed its handshake; `--timeout` bounds the wait (exit 3). */
export function handshakeDone(flow: Flow): Promise<void> {
  const timeout = flow.flags.timeout
  if (timeout === undefined) return firstHandshake(flow.socket)
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(flow.ctx.timeout('no peer completed a handshake', timeout)), timeout)
  })
  return Promise.race([firstHandshake(flow.socket), expired]).finally(() => clearTimeout(timer))
}

/** With `--wait`, resolves once a peer has completed its handshake. */
export function waitForPeer(flow: Flow): Promise<void> {
  return flow.flags.wait ? handshakeDone(flow) : Promise.resolve()
}
