/**
 * Request/Reply against real libzmq (Debian's pyzmq, driven by @zmtp/test-peers) over tcp and ws, with
 * either side binding. Over ws this exercises the `ZWS2.0/NULL` subprotocol, whose `/` several WebSocket
 * implementations refuse.
 */
import { Reply, Request } from '@zmtp/patterns'
import { startLibzmq } from '@zmtp/test-peers'
import { closeAll, expectEqual, text, transports, within } from './harness.js'

const WAIT = 10_000
const bytes = (value: string) => new TextEncoder().encode(value)

/** libzmq's REP binds, our REQ connects. */
export async function libzmqBinds(scheme: 'tcp' | 'ws'): Promise<void> {
  const peer = await startLibzmq()
  const request = new Request({ transports: transports() })
  try {
    const reply = await peer.socket('REP')
    const address = await reply.bind(scheme === 'tcp' ? 'tcp://127.0.0.1:*' : 'ws://127.0.0.1:*/interop')
    request.connect(address)
    await request.send('from zmtp')
    const asked = await reply.receive({ timeout: WAIT })
    expectEqual(asked.map(text), ['from zmtp'], 'libzmq received')
    await reply.send([bytes('from libzmq')])
    expectEqual(
      (await within(WAIT, 'request.receive', request.receive())).map(text),
      ['from libzmq'],
      'reply',
    )
  } finally {
    closeAll(request)
    await peer.kill()
  }
}

/** Our REP binds, libzmq's REQ connects. */
export async function zmtpBinds(scheme: 'tcp' | 'ws'): Promise<void> {
  const peer = await startLibzmq()
  const reply = new Reply({ transports: transports() })
  try {
    await reply.bind(scheme === 'tcp' ? 'tcp://127.0.0.1:*' : 'ws://127.0.0.1:*/interop')
    const request = await peer.socket('REQ')
    await request.connect(reply.lastEndpoint!)
    await request.send([bytes('from libzmq')])
    const asked = await within(WAIT, 'reply.receive', reply.receive())
    expectEqual(asked.map(text), ['from libzmq'], 'we received')
    await reply.send('from zmtp')
    expectEqual((await request.receive({ timeout: WAIT })).map(text), ['from zmtp'], 'libzmq got')
  } finally {
    closeAll(reply)
    await peer.kill()
  }
}
