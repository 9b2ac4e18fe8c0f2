import type { MdpVersion } from '../protocol.js'

/** A client request the broker holds until a worker takes it. */
export interface QueuedRequest {
  client: Uint8Array
  clientVersion: MdpVersion
  service: string
  body: Uint8Array[]
  /** When it entered the queue (ms, the broker's clock), for expiry. */
  queuedAt: number
  /** How many workers died while holding it. */
  deliveries: number
  /** Whether a PARTIAL already reached the client: such a request cannot be handed to another worker. */
  streamed: boolean
}

/** A worker known to the broker, from its READY until DISCONNECT or heartbeat expiry. */
export interface WorkerRecord {
  id: Uint8Array
  key: string
  version: MdpVersion
  service: ServiceState
  /** The broker's clock time after which silence means the worker is dead. */
  expiry: number
  /** The request it is working on, if any. */
  current: QueuedRequest | undefined
}

/** One service: its request queue and the workers registered for it. */
export interface ServiceState {
  name: string
  requests: QueuedRequest[]
  /** Idle workers, least recently used first. */
  idle: WorkerRecord[]
  workers: Set<WorkerRecord>
  /** Totals since the broker started. */
  dispatched: number
  answered: number
  rejected: number
  expired: number
  deadLettered: number
}

/** Creates the empty state of a service. */
export function newService(name: string): ServiceState {
  return {
    name,
    requests: [],
    idle: [],
    workers: new Set(),
    dispatched: 0,
    answered: 0,
    rejected: 0,
    expired: 0,
    deadLettered: 0,
  }
}
