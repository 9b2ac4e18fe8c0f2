/**
 * The competitors' prerequisites, checked once before anything runs. Under CI a missing competitor is
 * an error: the figures would silently lose their point of comparison. Elsewhere it is reported and its
 * rows show as missing.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { PYTHON } from './paths.js'
import { EPMD, RABBITMQ_SERVER } from './rabbitmq-node.js'

export type Requirement = 'pyzmq' | 'zeromqjs' | 'ws' | 'rabbitmq'

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

/**
 * Debian's rabbitmq-server, for the full bench only: CI does not install it (see the README), so its
 * absence never fails a run.
 */
function rabbitmq(): Availability {
  const missing = [RABBITMQ_SERVER, EPMD].filter((path) => !existsSync(path))
  if (missing.length > 0) {
    return {
      present: false,
      detail: `${missing.join(', ')} not found: install rabbitmq-server (Debian)`,
      requiredInCi: false,
    }
  }
  let client: string
  try {
    // amqplib's exports map hides its package.json: find it next to the main file.
    const main = require.resolve('amqplib')
    const manifest = readFileSync(join(dirname(main), 'package.json'), 'utf8')
    client = (JSON.parse(manifest) as { version: string }).version
  } catch {
    return { present: false, detail: 'the amqplib package is not installed', requiredInCi: false }
  }
  // Prints "rabbitmq-server<TAB>version".
  const probe = spawnSync('dpkg-query', ['-W', 'rabbitmq-server'], { encoding: 'utf8' })
  const server = probe.status === 0 ? `RabbitMQ ${probe.stdout.trim().split('\t')[1]}` : 'RabbitMQ'
  return { present: true, detail: `${server}, amqplib ${client}`, requiredInCi: false }
}

export async function checkRequirements(): Promise<Record<Requirement, Availability>> {
  return { pyzmq: pyzmq(), zeromqjs: await zeromqjs(), ws: ws(), rabbitmq: rabbitmq() }
}
