// `npm run demo`: set up from nothing, then run the showcase in apps/demo.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { installAndBuild, pnpm, root } from './setup.mjs'

if (!existsSync(join(root, 'apps/demo/package.json'))) {
  console.error('[demo] apps/demo does not exist yet; see README.md')
  process.exit(1)
}
try {
  const pnpmCommand = installAndBuild()
  pnpm(pnpmCommand, ['--filter', '@zmtp/demo', 'start'])
} catch (error) {
  console.error(`[demo] ${error.message}`)
  process.exit(1)
}
