// The real peers the interop tests talk to. On Debian as root, missing system peers are installed
// with apt-get; elsewhere the tests that need them say what is missing (and fail under CI=true).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** Each system peer: how to check for it and the Debian package that provides it. */
export const systemPeers = [
  {
    name: 'libzmq via pyzmq',
    apt: 'python3-zmq',
    present: () =>
      existsSync('/usr/bin/python3') &&
      spawnSync('/usr/bin/python3', ['-c', 'import zmq'], { stdio: 'ignore' }).status === 0,
  },
  {
    // The browser tests drive Debian's Chromium through playwright-core (which downloads no browser).
    name: 'Chromium',
    apt: 'chromium',
    present: () => existsSync('/usr/bin/chromium'),
  },
]

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const isDebian = existsSync('/etc/debian_version')

export function ensureSystemPeers() {
  const missing = systemPeers.filter((peer) => !peer.present())
  if (missing.length === 0) return
  if (!isRoot || !isDebian) {
    console.warn(
      `[peers] missing: ${missing.map((p) => p.apt).join(', ')} (install them to run the interop tests)`,
    )
    return
  }
  console.log(`[peers] installing ${missing.map((p) => p.apt).join(' ')} with apt-get`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  const result = spawnSync('apt-get', ['install', '-y', '-qq', ...missing.map((p) => p.apt)], {
    stdio: 'inherit',
    env,
  })
  if (result.status !== 0) console.warn('[peers] apt-get install failed')
  for (const peer of missing) if (!peer.present()) console.warn(`[peers] still missing: ${peer.apt}`)
}
