// The RabbitMQ competitor of the majordomo case: the same clients-and-workers flow through a private
// RabbitMQ node (src/rabbitmq-node.ts) with amqplib, in one load process (peers/amqp-worker.ts).
import { Worker, withWorkers } from '../child.js'
import { workerPath } from '../paths.js'
import type { AmqpSettings } from '../peers/amqp-worker.js'
import { rabbitNode } from '../rabbitmq-node.js'
import { perSecond } from '../stats.js'
import type { Competitor } from './types.js'

/** Settings shared with the Majordomo rows: requests, warm-up, workers, clients, body size. */
export type AmqpLoad = Omit<AmqpSettings, 'role' | 'url'>

export function rabbitmqCompetitor(durable: boolean, load: AmqpLoad): Competitor {
  return {
    id: 'rabbitmq',
    requires: 'rabbitmq',
    run: () =>
      withWorkers(async (start): Promise<Record<string, number>> => {
        const { url } = await rabbitNode()
        const settings: AmqpSettings = { ...load, role: durable ? 'durable' : 'rpc', url }
        const side = start(Worker.node(workerPath('amqp-worker'), settings, `amqp ${settings.role}`))
        const result = await side.next('result', 300_000)
        const requestsPerSec = perSecond(Number(result.requests), Number(result.elapsedNs))
        if (!durable) return { requestsPerSec }
        return {
          requestsPerSec,
          acksPerSec: perSecond(Number(result.requests), Number(result.acknowledgedNs)),
        }
      }),
  }
}
