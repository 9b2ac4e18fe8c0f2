// `npm test`: set up from nothing, then run every check (lint, typecheck, tests) of every package.
import { ensureSystemPeers } from './peers.mjs'
import { installAndBuild, pnpm } from './setup.mjs'

try {
  const pnpmCommand = installAndBuild()
  ensureSystemPeers()
  pnpm(pnpmCommand, ['exec', 'turbo', 'run', 'lint', 'typecheck', 'test', '--concurrency=1'])
} catch (error) {
  console.error(`[test] ${error.message}`)
  process.exit(1)
}
