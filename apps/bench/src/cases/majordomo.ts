// Requests through a Majordomo broker: our broker beside an RFC 18 broker on libzmq (pyzmq), with the
// same Node clients and workers (@zmtp/majordomo) on both, so the ratio is the brokers'. In a full run,
// also beside the same flow through RabbitMQ (amqplib clients and workers), and Titanic's durable
// requests beside RabbitMQ's durable queues with persistent messages and publisher confirms.
import { Worker, withWorkers } from '../child.js'
import { PYTHON, pythonScript, workerPath } from '../paths.js'
import type { MdpSettings } from '../peers/mdp-worker.js'
import { perSecond } from '../stats.js'
import { rabbitmqCompetitor } from './rabbitmq.js'
import type { Bench, Case, Competitor, Mode } from './types.js'

const ourSide = (settings: MdpSettings) =>
  Worker.node(workerPath('mdp-worker'), settings, `mdp ${settings.role}`)
const pyzmqBroker = (settings: MdpSettings) =>
  new Worker(PYTHON, [pythonScript('pyzmq_mdp'), JSON.stringify(settings)], 'pyzmq_mdp.py broker')

function throughput(startBroker: (s: MdpSettings) => Worker, durable: boolean, load: MdpSettings) {
  return () =>
    withWorkers(async (start): Promise<Record<string, number>> => {
      const broker = start(
        startBroker({ role: durable ? 'titanic-broker' : 'broker', bind: 'tcp://127.0.0.1:*' }),
      )
      const { endpoint } = await broker.next('ready', 20_000)
      const side = start(
        ourSide({ ...load, role: durable ? 'titanic-load' : 'load', connect: String(endpoint) }),
      )
      const result = await side.next('result', 300_000)
      const requestsPerSec = perSecond(Number(result.requests), Number(result.elapsedNs))
      if (!durable) return { requestsPerSec }
      return { requestsPerSec, acksPerSec: perSecond(Number(result.requests), Number(result.acknowledgedNs)) }
    })
}

const metrics = [{ key: 'requestsPerSec', label: 'requests/s', better: 'higher' as const }]

export const majordomo: Case = {
  id: 'majordomo',
  title: 'Majordomo broker over tcp',
  description:
    'Broker, and one process holding the workers and 16 clients (one request in flight each); 16 B echo ' +
    'requests. Our broker beside the MDP/0.2 broker on pyzmq, same clients and workers. Titanic: 16 clients ' +
    'submit (each acknowledged once stored: SQLite, WAL, synchronous=FULL), then fetch every reply by id ' +
    'and close it; requests/s is first submit to last fetch. Full runs add RabbitMQ (a private node, ' +
    'amqplib): RPC over direct reply-to, and durable queues, persistent messages and publisher confirms.',
  benches(mode: Mode): Bench[] {
    const count = mode.quick ? 4_000 : 20_000
    const base = { count, warmup: count / 10, clients: 16, size: 16 }
    // RabbitMQ takes seconds to start and CI does not install it: full runs only.
    const rabbitmq = (durable: boolean, load: typeof base & { workers: number }): Competitor[] =>
      mode.quick ? [] : [rabbitmqCompetitor(durable, load)]
    const pair = (workers: number): Competitor[] => [
      { id: 'zmtp', run: throughput(ourSide, false, { ...base, workers } as MdpSettings) },
      {
        id: 'pyzmq',
        requires: 'pyzmq',
        run: throughput(pyzmqBroker, false, { ...base, workers } as MdpSettings),
      },
      ...rabbitmq(false, { ...base, workers }),
    ]
    const durableLoad = { ...base, count: mode.quick ? 400 : 2_000, warmup: 50, workers: 8 }
    const durable = durableLoad as MdpSettings
    return [
      {
        id: 'majordomo-1w',
        caseId: this.id,
        title: this.title,
        variant: '1 worker',
        metrics,
        competitors: pair(1),
      },
      {
        id: 'majordomo-8w',
        caseId: this.id,
        title: this.title,
        variant: '8 workers',
        metrics,
        competitors: pair(8),
      },
      {
        id: 'majordomo-titanic',
        caseId: this.id,
        title: this.title,
        variant: 'Titanic 8w',
        metrics: [...metrics, { key: 'acksPerSec', label: 'stored acks/s', better: 'higher' as const }],
        competitors: [
          { id: 'zmtp', run: throughput(ourSide, true, durable) },
          ...rabbitmq(true, durableLoad),
        ],
      },
    ]
  },
}
