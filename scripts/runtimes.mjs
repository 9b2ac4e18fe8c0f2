// Installs the pinned Bun and Deno that the runtime suite (packages/runtime-tests) runs under, from their
// npm packages, into node_modules/.zmtp-runtimes. Prints their paths as JSON (`--json`) or as text.
// Exits non-zero when a runtime cannot be installed: CI must fail then, not skip the runtime.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { root } from './setup.mjs'

/** The versions the suite is run and documented with. Change them here and in the README together. */
export const PINNED = { bun: '1.4.4', deno: '2.9.6' }

const DIR = join(root, 'node_modules', '.zmtp-runtimes')

/** The npm package holding each runtime's binary for this platform, and the binary's path inside it. */
function packages() {
  const { platform, arch } = process
  const bunArch = { x64: 'x64', arm64: 'aarch64' }[arch]
  const denoTarget = {
    'linux-x64': 'linux-x64-glibc',
    'linux-arm64': 'linux-arm64-glibc',
    'darwin-x64': 'darwin-x64',
    'darwin-arm64': 'darwin-arm64',
  }[`${platform}-${arch}`]
  if (!bunArch || !denoTarget || (platform !== 'linux' && platform !== 'darwin')) {
    throw new Error(`no pinned Bun/Deno packages for ${platform}-${arch}`)
  }
  const bun = `@oven/bun-${platform}-${bunArch}`
  const deno = `@deno/${denoTarget}`
  return {
    bun: { spec: `${bun}@${PINNED.bun}`, binary: join(DIR, 'node_modules', bun, 'bin', 'bun') },
    deno: { spec: `${deno}@${PINNED.deno}`, binary: join(DIR, 'node_modules', deno, 'deno') },
  }
}

function versionOf(binary) {
  if (!existsSync(binary)) return null
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' })
  return result.status === 0 ? result.stdout : null
}

/** Installs what is missing or at another version; returns `{ bun, deno }` binary paths. */
export function ensureRuntimes() {
  const wanted = packages()
  const missing = Object.entries(wanted).filter(
    ([name, { binary }]) => !versionOf(binary)?.includes(PINNED[name]),
  )
  if (missing.length > 0) {
    mkdirSync(DIR, { recursive: true })
    const specs = missing.map(([, { spec }]) => spec)
    console.error(`[runtimes] installing ${specs.join(' ')}`)
    // The platform packages hold the binaries themselves: no install script, nothing else downloaded.
    const args = [
      'install',
      '--prefix',
      DIR,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      ...specs,
    ]
    const result = spawnSync('npm', args, { stdio: ['ignore', 'inherit', 'inherit'] })
    if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (exit code ${result.status})`)
  }
  for (const [name, { binary }] of Object.entries(wanted)) {
    if (!versionOf(binary)?.includes(PINNED[name])) {
      throw new Error(`${name} ${PINNED[name]} is not runnable at ${binary}`)
    }
  }
  return { bun: wanted.bun.binary, deno: wanted.deno.binary }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const paths = ensureRuntimes()
    console.log(
      process.argv.includes('--json') ? JSON.stringify(paths) : `bun  ${paths.bun}\ndeno ${paths.deno}`,
    )
  } catch (error) {
    console.error(`[runtimes] ${error.message}`)
    process.exit(1)
  }
}
