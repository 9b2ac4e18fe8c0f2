/**
 * `@zmtp/patterns/security`: importing this module lets sockets use PLAIN and CURVE (the `plain*` and
 * `curve*` options). The package's Node entry imports it already; a browser bundle leaves it, and with it
 * CURVE's cryptography, out unless the application imports it:
 *
 * @example
 * ```ts
 * import '@zmtp/patterns/security'
 * import { Dealer, curveKeyPair } from '@zmtp/patterns'
 * ```
 *
 * @packageDocumentation
 */

import { CurveMechanism, PlainMechanism } from '@zmtp/core'
import { registerMechanism } from './registry.js'

registerMechanism('PLAIN', (options) => new PlainMechanism(options))
registerMechanism('CURVE', (options) => new CurveMechanism(options))
