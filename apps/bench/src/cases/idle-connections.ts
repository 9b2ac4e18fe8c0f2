/**
 * 1,000 idle connections to one Router: the Router's resident memory (after a full GC) with them,
 * minus without, per connection. The peers are Dealers in a second process; each says hello once so
 * that the Router has seen every connection before memory is read.
 */
import { withWorkers } from '../child.js'
import { peers, type StartPeer } from './peers.js'
import type { Bench, Case, Mode } from './types.js'

function idle(peer: StartPeer, connections: number) {
  return () =>
    withWorkers(async (start) => {
      const router = start(peer({ role: 'router-idle', bind: 'tcp://127.0.0.1:*', connections }))
      const { endpoint } = await router.next('ready', 20_000)
      start(peer({ role: 'dealers-idle', connect: String(endpoint), connections }))
      const result = await router.next('result', 120_000)
      const growth = Number(result.loadedRss) - Number(result.baselineRss)
      return {
        kibPerConnection: growth / connections / 1024,
        routerRssMib: Number(result.loadedRss) / (1024 * 1024),
      }
    })
}

export const idleConnections: Case = {
  id: 'idle-connections',
  title: 'Idle connections to one Router',
  description: 'Router process RSS growth per accepted, handshaken, idle tcp connection.',
  benches(mode: Mode): Bench[] {
    const connections = mode.quick ? 200 : 1_000
    return [
      {
        id: 'idle-connections',
        caseId: this.id,
        title: this.title,
        variant: `${connections.toLocaleString('en-US')} conns`,
        metrics: [
          { key: 'kibPerConnection', label: 'KiB/conn', better: 'lower', digits: 1 },
          { key: 'routerRssMib', label: 'router RSS MiB', better: 'lower', digits: 1 },
        ],
        competitors: [
          { id: 'zmtp', run: idle(peers.zmtp, connections) },
          { id: 'zeromqjs', requires: 'zeromqjs', run: idle(peers.zeromqjs, connections) },
        ],
        rounds: mode.quick ? 1 : 3,
      },
    ]
  },
}
