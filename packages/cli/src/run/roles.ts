import type { Subscriber, XSubscriber } from '@zmtp/patterns'
import { CliError } from '../cli-error.js'
import { utf8 } from '../formats/bytes.js'
import type { SocketType } from '../socket-types.js'
import { execReply } from './exec.js'
import { type Flow, handshakeDone, outgoing, print, receive, send, waitForPeer } from './messages.js'

/** Flags for Reply and Subscriber. */
export interface RoleFlags {
  subscribe?: string[]
  echo?: boolean
  exec?: string
}

/** Runs `type`'s role on an open socket until it is done; resolves with the exit code. */
export async function runRole(type: SocketType, flow: Flow, flags: RoleFlags): Promise<number> {
  await subscribe(type, flow, flags)
  switch (type.role) {
    case 'send':
      await sendAll(flow)
      return 0
    case 'receive':
      return receiveAll(flow)
    case 'duplex':
      // Sending runs beside receiving; the run ends on the receiving side (--count, --timeout, Ctrl-C).
      sendAll(flow).catch((error: unknown) => flow.ctx.fail(asCliError(error)))
      return receiveAll(flow)
    case 'request':
      return requestAll(flow)
    case 'reply':
      return replyAll(flow, flags)
  }
}

async function subscribe(type: SocketType, flow: Flow, flags: RoleFlags): Promise<void> {
  const topics = flags.subscribe ?? []
  if (type.name === 'sub') {
    const subscriber = flow.socket as Subscriber
    if (topics.length === 0) subscriber.subscribe()
    else subscriber.subscribe(...topics)
  } else if (type.name === 'xsub') {
    for (const topic of topics) await (flow.socket as XSubscriber).send(new Uint8Array([1, ...utf8(topic)]))
  } else if (topics.length > 0) {
    throw new CliError('ERR_USAGE', `--subscribe is for sub and xsub, not ${type.name}`, 'drop --subscribe')
  }
}

async function sendAll(flow: Flow): Promise<void> {
  await waitForPeer(flow)
  try {
    for await (const message of outgoing(flow)) await send(flow, message)
  } catch (error) {
    // What was read before bad input still goes out.
    if (error instanceof CliError && error.code === 'ERR_BAD_INPUT' && connects(flow))
      await handshakeDone(flow)
    throw error
  }
  // Messages queued for an endpoint that never connected are dropped at close: let it connect first.
  if (connects(flow)) await handshakeDone(flow)
}

function connects(flow: Flow): boolean {
  return (flow.flags.connect ?? []).length > 0
}

async function receiveAll(flow: Flow): Promise<number> {
  const { count } = flow.flags
  for (let received = 0; count === undefined || received < count; received++) {
    await print(flow, await receive(flow))
  }
  return 0
}

async function requestAll(flow: Flow): Promise<number> {
  await waitForPeer(flow)
  for await (const message of outgoing(flow)) {
    await send(flow, message)
    await print(flow, await receive(flow))
  }
  return 0
}

async function replyAll(flow: Flow, flags: RoleFlags): Promise<number> {
  if (flags.echo && flags.exec !== undefined) {
    throw new CliError('ERR_USAGE', '--echo and --exec exclude each other', 'give one of them')
  }
  const { count } = flow.flags
  // Without --echo or --exec, each reply is the next input message (so --count counts requests, not lines).
  const replies =
    flags.echo || flags.exec !== undefined
      ? undefined
      : outgoing({ ...flow, flags: { ...flow.flags, count: undefined } })
  for (let answered = 0; count === undefined || answered < count; answered++) {
    const request = await receive(flow)
    await print(flow, request)
    let reply: Uint8Array[]
    if (flags.echo) reply = request
    else if (flags.exec !== undefined) reply = await execReply(flow.ctx, flags.exec, request, flow.format)
    else {
      const next = await replies!.next()
      if (next.done) return 0
      reply = next.value
    }
    await send(flow, reply)
  }
  return 0
}

/** Anything thrown inside a role, as the error the run ends with. */
export function asCliError(error: unknown): CliError {
  if (error instanceof CliError) return error
  return new CliError('ERR_USAGE', error instanceof Error ? error.message : String(error))
}
