// `pnpm bench [--quick] [case...]`: set up (install, build), then run the benchmark suite in apps/bench.
import { ensureSystemPeers } from './peers.mjs'
import { installAndBuild, pnpm } from './setup.mjs'

try {
  const pnpmCommand = installAndBuild()
  ensureSystemPeers()
  pnpm(pnpmCommand, ['--filter', '@zmtp/bench', 'start', ...process.argv.slice(2)])
} catch (error) {
  console.error(`[bench] ${error.message}`)
  process.exit(1)
}
