// The RabbitMQ side of the majordomo bench: the same flow as mdp-worker's load, through a RabbitMQ node
// with amqplib. Echo workers consume a request queue one message at a time (prefetch 1, acknowledged after
// the reply is sent, so a dead worker's request is redelivered, as our broker does); clients keep one
// request in flight each. Every worker and every client has its own connection, as each MDP peer has its
// own socket. The durable flow mirrors Titanic's: requests and replies persistent on durable queues, each
// publish awaited until the broker confirms it.
import { randomUUID } from 'node:crypto'
import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib'
import { payload } from './roles.js'
import { emit, now, runWorker, settings, stopped } from './worker-io.js'

export interface AmqpSettings {
  role: 'rpc' | 'durable'
  /** The node's AMQP URL. */
  url: string
  count: number
  warmup: number
  workers: number
  clients: number
  size: number
}

/** RabbitMQ's pseudo-queue for replies straight to the requesting channel (no queue to declare). */
const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to'

/**
 * Connects with Nagle's algorithm off, as our tcp transport and libzmq do: with it on, each small request
 * waits for the delayed ACK of the one before (about 40 ms a request here).
 */
const connect = (url: string): Promise<ChannelModel> => amqp.connect(url, { noDelay: true })

/** Publishes on a confirm channel and resolves once the broker has confirmed (for persistent: stored). */
function publishConfirmed(
  channel: ConfirmChannel,
  queue: string,
  body: Buffer,
  options: amqp.Options.Publish,
): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.sendToQueue(queue, body, options, (error: unknown) => (error ? reject(error) : resolve()))
  })
}

/** Echo workers on `queue`; durable ones publish the reply persistent and confirmed before the ack. */
async function startWorkers(s: AmqpSettings, queue: string, durable: boolean): Promise<ChannelModel[]> {
  return Promise.all(
    Array.from({ length: s.workers }, async () => {
      const connection = await connect(s.url)
      const channel = durable ? await connection.createConfirmChannel() : await connection.createChannel()
      await channel.prefetch(1)
      await channel.consume(queue, (message) => {
        if (!message) return
        const { replyTo, correlationId } = message.properties
        if (!durable) {
          channel.sendToQueue(replyTo, message.content, { correlationId })
          channel.ack(message)
          return
        }
        publishConfirmed(channel as ConfirmChannel, replyTo, message.content, {
          correlationId,
          persistent: true,
        }).then(
          () => channel.ack(message),
          () => channel.nack(message),
        )
      })
      return connection
    }),
  )
}

/** Runs `count` requests spread over the lanes (each one at a time); returns elapsed ns. */
async function spread(lanes: number, count: number, one: (lane: number) => Promise<void>): Promise<number> {
  let left = count
  const start = now()
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (left > 0) {
        left--
        await one(lane)
      }
    }),
  )
  return Number(now() - start)
}

/** An RPC client: requests to `queue`, replies by direct reply-to, matched by correlation id. */
async function rpcClient(url: string, queue: string) {
  const connection = await connect(url)
  const channel = await connection.createChannel()
  let waiting: { id: string; resolve: (body: Buffer) => void } | null = null
  await channel.consume(
    DIRECT_REPLY_TO,
    (message) => {
      if (message && waiting && message.properties.correlationId === waiting.id)
        waiting.resolve(message.content)
    },
    { noAck: true },
  )
  let sequence = 0
  const request = (body: Buffer): Promise<Buffer> =>
    new Promise((resolve) => {
      const id = String(++sequence)
      waiting = { id, resolve }
      channel.sendToQueue(queue, body, { replyTo: DIRECT_REPLY_TO, correlationId: id })
    })
  return { connection, request }
}

async function rpc(s: AmqpSettings): Promise<void> {
  const admin = await connect(s.url)
  const adminChannel = await admin.createChannel()
  const queue = `echo-${randomUUID()}`
  await adminChannel.assertQueue(queue, { durable: false })
  const workers = await startWorkers(s, queue, false)
  const clients = await Promise.all(Array.from({ length: s.clients }, () => rpcClient(s.url, queue)))
  const body = Buffer.from(payload(s.size))
  const one = async (lane: number) => {
    const reply = await clients[lane]!.request(body)
    if (reply.length !== body.length)
      throw new Error(`echo of ${body.length} B came back as ${reply.length} B`)
  }
  await spread(clients.length, s.warmup, one)
  const elapsedNs = await spread(clients.length, s.count, one)
  emit({ type: 'result', requests: s.count, elapsedNs })
  await stopped
  await adminChannel.deleteQueue(queue)
  await Promise.all([...clients.map((c) => c.connection), ...workers, admin].map((c) => c.close()))
}

/** A durable client: its own durable reply queue; submits confirmed, then takes and acks every reply. */
async function durableClient(url: string, queue: string, replyQueue: string) {
  const connection = await connect(url)
  const channel = await connection.createConfirmChannel()
  await channel.assertQueue(replyQueue, { durable: true })
  await channel.prefetch(1)
  let sequence = 0
  const submit = async (body: Buffer): Promise<string> => {
    const id = String(++sequence)
    await publishConfirmed(channel, queue, body, { replyTo: replyQueue, correlationId: id, persistent: true })
    return id
  }
  /** Takes the reply of every id, acknowledging each (the broker then forgets it, like Titanic's close). */
  const collect = (ids: string[]): Promise<void> =>
    new Promise((resolve, reject) => {
      const open = new Set(ids)
      if (open.size === 0) return resolve()
      const onMessage = (message: ConsumeMessage | null) => {
        if (!message) return reject(new Error('reply consumer cancelled'))
        if (!open.delete(message.properties.correlationId)) {
          return reject(new Error(`unexpected reply ${message.properties.correlationId}`))
        }
        channel.ack(message)
        if (open.size > 0) return
        // A round trip after the last ack: the broker has processed every ack when it returns.
        channel
          .cancel(tag)
          .then(() => channel.checkQueue(replyQueue))
          .then(({ messageCount }) =>
            messageCount === 0 ? resolve() : reject(new Error(`${messageCount} replies left over`)),
          )
          .catch(reject)
      }
      // Named here, since a waiting reply can be delivered before consume() resolves.
      const tag = randomUUID()
      channel.consume(replyQueue, onMessage, { consumerTag: tag }).catch(reject)
    })
  return { connection, channel, replyQueue, submit, collect }
}

async function durable(s: AmqpSettings): Promise<void> {
  const admin = await connect(s.url)
  const adminChannel: Channel = await admin.createChannel()
  const queue = `titanic-${randomUUID()}`
  await adminChannel.assertQueue(queue, { durable: true })
  const workers = await startWorkers(s, queue, true)
  const clients = await Promise.all(
    Array.from({ length: s.clients }, (_, lane) => durableClient(s.url, queue, `${queue}-reply-${lane}`)),
  )
  const body = Buffer.from(payload(s.size))
  const run = async (count: number) => {
    const ids = clients.map(() => [] as string[])
    const start = now()
    await Promise.all(
      clients.map(async (client, lane) => {
        for (let i = lane; i < count; i += clients.length) ids[lane]!.push(await client.submit(body))
      }),
    )
    const acknowledgedNs = Number(now() - start)
    await Promise.all(clients.map((client, lane) => client.collect(ids[lane]!)))
    return { acknowledgedNs, elapsedNs: Number(now() - start) }
  }
  await run(s.warmup)
  const { acknowledgedNs, elapsedNs } = await run(s.count)
  emit({ type: 'result', requests: s.count, elapsedNs, acknowledgedNs })
  await stopped
  for (const client of clients) await adminChannel.deleteQueue(client.replyQueue)
  await adminChannel.deleteQueue(queue)
  await Promise.all([...clients.map((c) => c.connection), ...workers, admin].map((c) => c.close()))
}

runWorker(async () => {
  const s = settings<AmqpSettings>()
  if (s.role === 'durable') await durable(s)
  else await rpc(s)
})
