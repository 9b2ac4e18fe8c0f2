/** The runtime suite's cases by name: the same list under Node, Bun and Deno. */
import type { Scheme } from './harness.js'
import { libzmqBinds, zmtpBinds } from './interop.js'
import { PAIR_KINDS, runLarge, runPair, runReconnect } from './pairs.js'
import { acrossWorkers, mainToWorker, workerToMain } from './workers.js'

/** One named check; it throws to fail. */
export interface Case {
  name: string
  run(): Promise<void>
}

const SCHEMES: readonly Scheme[] = ['tcp', 'ipc', 'ws']

/** Every case, in the order they run. */
export function allCases(): Case[] {
  const cases: Case[] = []
  for (const scheme of SCHEMES) {
    for (const kind of PAIR_KINDS) {
      for (const binder of ['first', 'second'] as const) {
        const [a, b] = kind.name.split('-')
        const name =
          kind.name === 'pair'
            ? `pair ${binder === 'first' ? 'a' : 'b'} binds`
            : binder === 'first'
              ? `${a} binds, ${b} connects`
              : `${b} binds, ${a} connects`
        cases.push({ name: `${scheme}: ${name}`, run: () => runPair(kind, scheme, binder) })
      }
    }
    cases.push({ name: `${scheme}: 1 MiB message both ways`, run: () => runLarge(scheme) })
    cases.push({ name: `${scheme}: reconnect after the peer restarts`, run: () => runReconnect(scheme) })
  }
  for (const scheme of ['tcp', 'ws'] as const) {
    cases.push({
      name: `worker_threads ${scheme}: pair across two workers`,
      run: () => acrossWorkers(scheme),
    })
    cases.push({ name: `worker_threads ${scheme}: worker connects to main`, run: () => workerToMain(scheme) })
    cases.push({ name: `worker_threads ${scheme}: main connects to worker`, run: () => mainToWorker(scheme) })
  }
  for (const scheme of ['tcp', 'ws'] as const) {
    cases.push({ name: `libzmq ${scheme}: libzmq binds`, run: () => libzmqBinds(scheme) })
    cases.push({ name: `libzmq ${scheme}: zmtp binds`, run: () => zmtpBinds(scheme) })
  }
  return cases
}
