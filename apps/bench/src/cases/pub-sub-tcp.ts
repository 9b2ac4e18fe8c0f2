/**
 * Publisher to 1, 10 and 100 Subscribers over TCP. The publisher is one process; all the subscribers
 * share a second one (a hundred Node processes would measure the machine, not the library), each with
 * its own socket and connection. A publisher drops for subscribers that are full, so the table also
 * shows what share of the messages arrived.
 */
import { withWorkers } from '../child.js'
import { perSecond } from '../stats.js'
import { peers, type StartPeer } from './peers.js'
import type { Bench, Case, Mode } from './types.js'

function fanOut(peer: StartPeer, subscribers: number, count: number) {
  return () =>
    withWorkers(async (start) => {
      const pub = start(peer({ role: 'pub', bind: 'tcp://127.0.0.1:*', count, size: 64 }))
      const { endpoint } = await pub.next('ready', 20_000)
      const subs = start(peer({ role: 'subs', connect: String(endpoint), subscribers, size: 64 }))
      await subs.next('ready', 60_000)
      pub.command('go')
      const result = await subs.next('result', 120_000)
      const deliveries = Number(result.deliveries)
      return {
        deliveriesPerSec: perSecond(deliveries, Number(result.elapsedNs)),
        deliveredPercent: (100 * deliveries) / (count * subscribers),
      }
    })
}

export const pubSubTcp: Case = {
  id: 'pub-sub-tcp',
  title: 'Publisher to Subscribers over tcp',
  description:
    '64 B messages to every subscriber (all in one second process); deliveries/s counts arrivals at all of them.',
  benches(mode: Mode): Bench[] {
    return [1, 10, 100].map((subscribers) => {
      // The same number of deliveries whatever the fan-out.
      const count = Math.round((mode.quick ? 60_000 : 600_000) / subscribers)
      return {
        id: `pub-sub-tcp-${subscribers}`,
        caseId: this.id,
        title: this.title,
        variant: `${subscribers} sub${subscribers > 1 ? 's' : ''}`,
        metrics: [
          { key: 'deliveriesPerSec', label: 'deliveries/s', better: 'higher' },
          { key: 'deliveredPercent', label: '% delivered', better: 'higher', digits: 1 },
        ],
        competitors: [
          { id: 'zmtp', run: fanOut(peers.zmtp, subscribers, count) },
          { id: 'zeromqjs', requires: 'zeromqjs', run: fanOut(peers.zeromqjs, subscribers, count) },
        ],
      }
    })
  },
}
