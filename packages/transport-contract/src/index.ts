/**
 * Test-only: the suite every transport package runs to show that it keeps the `Transport` contract of
 * `@zmtp/core`, without sockets on top. Never published (the package is private).
 *
 * @example
 * ```ts
 * import { transportContract } from '@zmtp/transport-contract'
 * import { tcp } from '../src/index.js'
 *
 * transportContract('tcp', () => tcp(), {
 *   listen: () => 'tcp://127.0.0.1:*',
 *   samples: ['tcp://127.0.0.1:5555', 'tcp://[::1]:*'],
 *   bindOnly: ['tcp://*:5555'],
 * })
 * ```
 *
 * @packageDocumentation
 */

import type { Transport } from '@zmtp/core'
import { afterEach, describe } from 'vitest'
import { errorCases } from './error-cases.js'
import { flowCases } from './flow-cases.js'
import { Opened } from './harness.js'
import { lifecycleCases } from './lifecycle-cases.js'
import type { ContractEndpoints } from './options.js'

export { hostPortArbitrary, urlTextArbitrary } from './arbitraries.js'
export type { ContractEndpoints } from './options.js'

/**
 * Registers vitest tests (in a `describe` named after `name`) that check a transport against the
 * `Transport` interface: listen and dial, data both ways in order, close and destroy, backpressure,
 * pause and resume, listener close, typed errors, and the endpoint syntax. Call it at the top level of a
 * test file; every test gets a fresh transport from `factory` and closes what it opened.
 */
export function transportContract(
  name: string,
  factory: () => Transport,
  endpoints: ContractEndpoints,
): void {
  describe(`transport contract: ${name}`, () => {
    const opened = new Opened()
    afterEach(() => opened.closeAll())
    const context = { factory, endpoints, opened }
    lifecycleCases(context)
    flowCases(context)
    errorCases(context)
  })
}
