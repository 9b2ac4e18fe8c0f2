/**
 * The runtime suite's entry point: `node dist/suite.js`, `bun dist/suite.js`, `deno run -A dist/suite.js`.
 * Runs every case one after another and prints one `RESULT {json}` line per case, then `DONE`, so the
 * vitest driver in Node can report each case under each runtime. Arguments keep the cases whose names start with one of them;
 * `--no-libzmq` leaves out the interop cases (for machines without Debian's pyzmq, outside CI).
 */
import { allCases } from './cases.js'
import { runtimeName } from './runtime.js'

const args = process.argv.slice(2)
const withLibzmq = !args.includes('--no-libzmq')
const filters = args.filter((arg) => !arg.startsWith('--'))
const cases = allCases().filter(
  (entry) =>
    (withLibzmq || !entry.name.startsWith('libzmq')) &&
    (filters.length === 0 || filters.some((prefix) => entry.name.startsWith(prefix))),
)
console.log(`RUNTIME ${JSON.stringify(runtimeName())}`)
for (const entry of cases) {
  const started = performance.now()
  let error: string | undefined
  try {
    await entry.run()
  } catch (caught) {
    error = caught instanceof Error ? (caught.stack ?? caught.message) : String(caught)
  }
  const ms = Math.round(performance.now() - started)
  console.log(`RESULT ${JSON.stringify({ name: entry.name, ok: error === undefined, ms, error })}`)
}
console.log('DONE')
// Sockets closed with linger 0 hold nothing open, but a runtime may keep a stray handle: end explicitly.
process.exit(0)
