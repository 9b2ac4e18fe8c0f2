// One side of a benchmark case, using zmtp (@zmtp/patterns over tcp, ws or webrtc, whichever the case uses).

import type { Transport } from '@zmtp/patterns'
import {
  Dealer,
  isZmtpError,
  Publisher,
  Pull,
  Push,
  Reply,
  Request,
  Router,
  Subscriber,
} from '@zmtp/patterns'
import { tcp } from '@zmtp/transport-tcp'
import { curveOptions } from './curve.js'
import { type RoleSettings, runRole } from './roles.js'
import type { BenchSocket, SocketKind, SocketLib, SocketSettings } from './socket-lib.js'
import { runWorker, settings } from './worker-io.js'

const classes = { Push, Pull, Request, Reply, Publisher, Subscriber, Router, Dealer }

function lib(transports: Transport[], s: RoleSettings): SocketLib {
  const security = curveOptions(s.curve, s.bind !== undefined)
  return {
    name: 'zmtp',
    concurrentSends: true,
    create(kind: SocketKind, options: SocketSettings = {}): BenchSocket {
      return new classes[kind]({ transports, ...security, ...options }) as unknown as BenchSocket
    },
    isAgain: (error) => isZmtpError(error) && error.code === 'EAGAIN',
  }
}

/**
 * The transports the case's endpoints need, and no others, as an application would load them. Loading
 * ws, webrtc and the signaling client into every worker made its old generation larger (7.5-7.8 MiB
 * against 6.2-6.5 while 64 KiB messages flowed), and at that size V8 kept starting incremental marking:
 * 110-160 mark-compacts in a run instead of 2, twice the receiver's CPU per message. Plain `net` does
 * the same with that much more heap (see docs/benchmarks.md, "Where the time goes per message").
 */
async function transportsFor(s: RoleSettings): Promise<Transport[]> {
  const transports: Transport[] = [tcp()]
  const endpoint = s.bind ?? s.connect ?? ''
  if (endpoint.startsWith('ws://')) transports.push((await import('@zmtp/transport-ws')).ws())
  // webrtc:// cases pass the signaling server the runner started.
  if (s.signal) {
    const [{ webrtc }, { connectSignaling }] = await Promise.all([
      import('@zmtp/transport-webrtc'),
      import('@zmtp/webrtc-signal'),
    ])
    transports.push(webrtc({ signaling: connectSignaling(s.signal, [tcp()]) }))
  }
  return transports
}

runWorker(async () => {
  const s = settings<RoleSettings>()
  await runRole(lib(await transportsFor(s), s), s)
})
