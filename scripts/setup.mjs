// Shared set-up for `npm test` and `npm run demo` on a fresh machine that has only Node and npm:
// get pnpm at the pinned version, install with the frozen lockfile, build every package.
import { execSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1]

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options })
  if (result.status !== 0) {
    const why = result.error ? result.error.message : `exit code ${result.status}`
    throw new Error(`${command} ${args.join(' ')} failed (${why})`)
  }
}

function pnpmVersion() {
  try {
    return execSync('pnpm --version', { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
  } catch {
    return null
  }
}

/** Returns the command that runs pnpm at the pinned version, installing it if needed. */
export function ensurePnpm() {
  if (pnpmVersion() === pinned) return ['pnpm']
  console.log(`[setup] installing pnpm@${pinned}`)
  const global = spawnSync('npm', ['install', '-g', `pnpm@${pinned}`], { stdio: 'inherit' })
  if (global.status === 0 && pnpmVersion() === pinned) return ['pnpm']
  // Without permission for a global install, run the pinned version through npx instead.
  return ['npx', '--yes', `pnpm@${pinned}`]
}

export function pnpm(pnpmCommand, args, options) {
  const [command, ...prefix] = pnpmCommand
  run(command, [...prefix, ...args], options)
}

export function installAndBuild() {
  const pnpmCommand = ensurePnpm()
  process.env.TURBO_TELEMETRY_DISABLED = '1'
  process.env.TURBO_NO_UPDATE_NOTIFIER = '1'
  pnpm(pnpmCommand, ['install', '--frozen-lockfile'])
  pnpm(pnpmCommand, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'])
  return pnpmCommand
}
