/**
 * @zmtp/majordomo: reliable request-reply over zmtp sockets. A Majordomo broker, worker and client (MDP/0.2,
 * RFC 18, and MDP/0.1, RFC 7), the Lazy Pirate client with failover, and Titanic durable requests (RFC 9)
 * over a pluggable store. Nothing here uses Node built-ins; the SQLite store is in `@zmtp/majordomo/sqlite`.
 *
 * @example
 * ```ts
 * import { Broker, Client, Worker } from '@zmtp/majordomo'
 * import { tcp } from '@zmtp/transport-tcp'
 *
 * const broker = new Broker({ transports: [tcp()] })
 * const endpoint = await broker.bind('tcp://127.0.0.1:*')
 * const worker = new Worker(endpoint, 'echo', { transports: [tcp()] })
 * void (async () => { for await (const request of worker) await request.reply(request.body) })()
 * const client = new Client(endpoint, { transports: [tcp()] })
 * const reply = await client.request('echo', 'hello', { timeout: 1000, retries: 2 })
 * ```
 *
 * @packageDocumentation
 */
export { Broker, type BrokerOptions } from './broker/broker.js'
export type { BrokerStats, ServiceStats } from './broker/stats.js'
export { Client, type ClientOptions, type RequestOptions } from './client.js'
export { type Codec, type ProtobufType, protobufCodec, type TypedService, typedService } from './codec.js'
export {
  BrokerRejectedError,
  ClosedError,
  MajordomoError,
  MajordomoErrorCode,
  RequestTimeoutError,
} from './errors.js'
export { LazyPirate, type LazyPirateOptions } from './lazy-pirate.js'
export type { MdpVersion } from './protocol.js'
export type { DeadLetter, StoredRequest, StoredStatus, TitanicStore } from './titanic/store.js'
export { Titanic, type TitanicOptions } from './titanic/titanic.js'
export { TitanicClient, type TitanicResult } from './titanic/titanic-client.js'
export { type Body, Worker, type WorkerOptions, WorkerRequest } from './worker.js'
