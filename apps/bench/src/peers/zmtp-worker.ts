// One side of a benchmark case, using zmtp (@zmtp/patterns over @zmtp/transport-tcp, or ws when built).

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
import { webrtc } from '@zmtp/transport-webrtc'
import { ws } from '@zmtp/transport-ws'
import { connectSignaling } from '@zmtp/webrtc-signal'
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

runWorker(async () => {
  const s = settings<RoleSettings>()
  const transports: Transport[] = [tcp(), ws()]
  // webrtc:// cases pass the signaling server the runner started.
  if (s.signal) transports.push(webrtc({ signaling: connectSignaling(s.signal, [tcp()]) }))
  await runRole(lib(transports, s), s)
})
