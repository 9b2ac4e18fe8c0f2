import { bytes, text } from '../bytes.js'
import type { BrokerStats } from './stats.js'

/** What the MMI handlers may ask of the broker. */
export interface MmiContext {
  hasWorkers(service: string): boolean
  serviceNames(): string[]
  stats(): BrokerStats
}

/**
 * Answers a Majordomo Management Interface query (RFC 8): `mmi.service` tells whether a service has
 * workers (`200`) or not (`404`); `mmi.services` lists the services with workers, one per frame after `200`;
 * `mmi.stats` returns `200` and the broker's {@link BrokerStats} as JSON. Other `mmi.` names get `501`.
 */
export function answerMmi(service: string, body: Uint8Array[], context: MmiContext): Uint8Array[] {
  switch (service) {
    case 'mmi.service':
      return [bytes(context.hasWorkers(text(body[0])) ? '200' : '404')]
    case 'mmi.services':
      return [bytes('200'), ...context.serviceNames().map(bytes)]
    case 'mmi.stats':
      return [bytes('200'), bytes(JSON.stringify(context.stats()))]
    default:
      return [bytes('501')]
  }
}
