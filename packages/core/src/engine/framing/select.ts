import type { Framing } from '../options.js'
import type { FramingHost, FramingSettings, FramingStrategy } from './framing.js'
import { StreamFraming } from './zmtp-stream.js'
import { ZwsFraming } from './zws.js'
import { LegacyZwsFraming } from './zws-legacy.js'

/**
 * The framing strategy for one connection.
 * @internal
 */
export function createFraming(
  framing: Framing,
  host: FramingHost,
  settings: FramingSettings,
): FramingStrategy {
  switch (framing) {
    case 'stream':
      return new StreamFraming(host, settings)
    case 'message':
      return new ZwsFraming(host, settings)
    case 'message-legacy':
      return new LegacyZwsFraming(host, settings)
  }
}
