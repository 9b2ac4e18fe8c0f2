import type { ServiceState } from './state.js'

/** Counters of one service, as reported by `mmi.stats`, the monitor feed and {@link Broker.stats}. */
export interface ServiceStats {
  /** Requests waiting for a worker. */
  queued: number
  /** Workers registered for the service. */
  workers: number
  /** Workers waiting for a request. */
  idle: number
  /** Requests a worker is processing now. */
  inFlight: number
  /** Totals since the broker started. */
  dispatched: number
  answered: number
  rejected: number
  expired: number
  deadLettered: number
}

/** The broker's state at one moment. */
export interface BrokerStats {
  /** Broker clock (ms since the epoch) when taken. */
  time: number
  workers: number
  queued: number
  inFlight: number
  deadLettered: number
  services: Record<string, ServiceStats>
}

/** Summarises services into {@link BrokerStats}. */
export function collectStats(services: Iterable<ServiceState>, now: number): BrokerStats {
  const stats: BrokerStats = { time: now, workers: 0, queued: 0, inFlight: 0, deadLettered: 0, services: {} }
  for (const service of services) {
    let inFlight = 0
    for (const worker of service.workers) if (worker.current) inFlight++
    const entry: ServiceStats = {
      queued: service.requests.length,
      workers: service.workers.size,
      idle: service.idle.length,
      inFlight,
      dispatched: service.dispatched,
      answered: service.answered,
      rejected: service.rejected,
      expired: service.expired,
      deadLettered: service.deadLettered,
    }
    stats.services[service.name] = entry
    stats.workers += entry.workers
    stats.queued += entry.queued
    stats.inFlight += inFlight
    stats.deadLettered += entry.deadLettered
  }
  return stats
}
