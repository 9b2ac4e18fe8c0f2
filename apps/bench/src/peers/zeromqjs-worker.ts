// One side of a benchmark case, using zeromq.js 6 (libzmq in a native addon).
import * as zmq from 'zeromq'
import { curveOptions } from './curve.js'
import { type RoleSettings, runRole } from './roles.js'
import type { BenchSocket, SocketKind, SocketLib, SocketSettings } from './socket-lib.js'
import { runWorker, settings } from './worker-io.js'

const classes = {
  Push: zmq.Push,
  Pull: zmq.Pull,
  Request: zmq.Request,
  Reply: zmq.Reply,
  Publisher: zmq.Publisher,
  Subscriber: zmq.Subscriber,
  Router: zmq.Router,
  Dealer: zmq.Dealer,
}

function lib(s: RoleSettings): SocketLib {
  const security = curveOptions(s.curve, s.bind !== undefined)
  return {
    name: 'zeromq.js',
    concurrentSends: false,
    create(kind: SocketKind, options: SocketSettings = {}): BenchSocket {
      return new classes[kind]({ ...security, ...options }) as unknown as BenchSocket
    },
    isAgain: (error) => (error as { code?: string } | null)?.code === 'EAGAIN',
  }
}

runWorker(() => {
  const s = settings<RoleSettings>()
  return runRole(lib(s), s)
})
