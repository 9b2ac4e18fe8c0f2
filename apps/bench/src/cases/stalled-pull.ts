/**
 * Push to a Pull that never reads, with messages offered without waiting (sendTimeout 0): the queues
 * fill to their high-water marks, TCP pushes back, and every further offer must be refused rather than
 * buffered. The sender's memory is read (after GC) as it goes; from a tenth of the way in (the queue is
 * long full by then) to the end it must stay flat: growth of the resident set and of the JS heap plus
 * external memory (zeromq.js keeps its queue in native memory, which only the resident set shows).
 */
import { withWorkers } from '../child.js'
import { peers, type StartPeer } from './peers.js'
import type { Bench, Case, Mode } from './types.js'

const MIB = 1024 * 1024

function stalled(peer: StartPeer, count: number) {
  return () =>
    withWorkers(async (start) => {
      const pull = start(peer({ role: 'pull-stalled', bind: 'tcp://127.0.0.1:*', highWaterMark: 1000 }))
      const { endpoint } = await pull.next('ready', 20_000)
      const push = start(
        peer({ role: 'push-stalled', connect: String(endpoint), count, size: 64, highWaterMark: 1000 }),
      )
      const result = await push.next('result', 120_000)
      pull.command('report')
      const receiver = await pull.next('result', 20_000)
      return {
        growthAfterFullMib: Number(result.rssGrowth) / MIB,
        heapGrowthMib: Number(result.heapGrowth) / MIB,
        senderPeakMib: Number(result.peakRss) / MIB,
        receiverPeakMib: Number(receiver.peakRss) / MIB,
        acceptedMessages: Number(result.accepted),
      }
    })
}

export const stalledPull: Case = {
  id: 'stalled-pull',
  title: 'Push to a Pull that does not read',
  description: '64 B messages offered with sendTimeout 0 to a Pull that never reads; HWM 1000 on both sides.',
  benches(mode: Mode): Bench[] {
    const count = mode.quick ? 100_000 : 1_000_000
    return [
      {
        id: 'stalled-pull',
        caseId: this.id,
        title: this.title,
        variant: `${(count / 1e6).toString()} M offered`,
        metrics: [
          { key: 'growthAfterFullMib', label: 'RSS growth MiB', better: 'lower', digits: 1 },
          { key: 'heapGrowthMib', label: 'heap growth MiB', better: 'lower', digits: 1 },
          { key: 'senderPeakMib', label: 'sender peak MiB', better: 'lower', digits: 1 },
          { key: 'receiverPeakMib', label: 'receiver peak MiB', better: 'lower', digits: 1 },
          { key: 'acceptedMessages', label: 'accepted', better: 'lower' },
        ],
        competitors: [
          { id: 'zmtp', run: stalled(peers.zmtp, count) },
          { id: 'zeromqjs', requires: 'zeromqjs', run: stalled(peers.zeromqjs, count) },
        ],
        rounds: mode.quick ? 1 : 3,
      },
    ]
  },
}
