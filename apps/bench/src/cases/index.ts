import { curveTcp } from './curve-tcp.js'
import { idleConnections } from './idle-connections.js'
import { majordomo } from './majordomo.js'
import { pubSubTcp } from './pub-sub-tcp.js'
import { pushPullInproc } from './push-pull-inproc.js'
import { pushPullTcp } from './push-pull-tcp.js'
import { pushPullWs } from './push-pull-ws.js'
import { reqRepTcp } from './req-rep-tcp.js'
import { stalledPull } from './stalled-pull.js'
import type { Case } from './types.js'
import { pushPullWebRtc, reqRepWebRtc } from './webrtc.js'

/** Every case, in the order the table shows them. */
export const cases: Case[] = [
  pushPullTcp,
  reqRepTcp,
  pubSubTcp,
  pushPullInproc,
  pushPullWs,
  curveTcp,
  pushPullWebRtc,
  reqRepWebRtc,
  idleConnections,
  stalledPull,
  majordomo,
]
