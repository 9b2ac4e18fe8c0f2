/**
 * The competitors' prerequisites, checked once before anything runs. Under CI a missing competitor is
 * an error: the figures would silently lose their point of comparison. Elsewhere it is reported and its
 * rows show as missing.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { PYTHON } from './paths.js'

export type Requirement = 'pyzmq' | 'zeromqjs' | 'ws'

export interface Availability {
  present: boolean
  /** What is there (a version), or why it is not. */
  detail: string
  /** Whether its absence fails a CI run. */
  requiredInCi: boolean
}

const require = createRequire(import.meta.url)

function pyzmq(): Availability {
  if (!existsSync(PYTHON)) return { present: false, detail: `${PYTHON} not found`, requiredInCi: true }
  const probe = spawnSync(PYTHON, ['-c', 'import zmq; print(zmq.zmq_version(), zmq.__version__)'], {
    encoding: 'utf8',
  })
  if (probe.status !== 0) {
    return { present: false, detail: 'pyzmq missing: install python3-zmq (Debian)', requiredInCi: true }
  }
  const [libzmq, version] = probe.stdout.trim().split(' ')
  return { present: true, detail: `libzmq ${libzmq}, pyzmq ${version}`, requiredInCi: true }
}

async function zeromqjs(): Promise<Availability> {
  try {
    const zmq = (await import('zeromq')) as { version: string }
    const { version } = require('zeromq/package.json') as { version: string }
    return { present: true, detail: `zeromq.js ${version} (libzmq ${zmq.version})`, requiredInCi: true }
  } catch (error) {
    return {
      present: false,
      detail: `zeromq.js failed to load: ${(error as Error).message}`,
      requiredInCi: true,
    }
  }
}

function ws(): Availability {
  try {
    const { version } = require('ws/package.json') as { version: string }
    return { present: true, detail: `ws ${version}`, requiredInCi: true }
  } catch {
    return { present: false, detail: 'the ws package is not installed', requiredInCi: true }
  }
}

export async function checkRequirements(): Promise<Record<Requirement, Availability>> {
  return { pyzmq: pyzmq(), zeromqjs: await zeromqjs(), ws: ws() }
}
