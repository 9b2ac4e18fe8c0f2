/**
 * A private RabbitMQ node for the bench, from Debian's `rabbitmq-server`: its own node name, ports, data
 * and log directories and Erlang cookie, listening on 127.0.0.1 only (AMQP, distribution and its own epmd),
 * so it never meets a system-wide node. It is started once per run, when a case first asks for it (start-up
 * takes seconds, far more than any measurement), and stopped by the PIDs started here when the run ends,
 * or killed if the run is interrupted. Each measurement uses fresh connections and fresh queues on it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

/** The start script under the Debian package's own directory (the one in /usr/sbin switches user). */
export const RABBITMQ_SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server'
export const EPMD = '/usr/bin/epmd'

/** Start-up on a busy two-core machine takes 10-20 s; allow for a slower one. */
const START_TIMEOUT_MS = 120_000
const STOP_GRACE_MS = 30_000
const OUTPUT_KEPT = 4000

interface RunningNode {
  url: string
  dir: string
  epmd: ChildProcess
  server: ChildProcess
  /** How long the node took from spawn to accepting AMQP connections. */
  startMs: number
}

let starting: Promise<RunningNode> | null = null
let running: RunningNode | null = null

/** A port free on 127.0.0.1 right now (the kernel's pick; the node binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** The PID of the Erlang VM, which the start script writes once the node boots. */
function beamPid(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, 'rabbitmq.pid'), 'utf8').trim())
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

function killQuietly(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(pid, signal)
  } catch {
    // already gone
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

// An interrupted run cannot wait for a graceful stop: kill what we started, synchronously.
process.on('exit', () => {
  if (!running) return
  killQuietly(beamPid(running.dir), 'SIGKILL')
  killQuietly(running.server.pid, 'SIGKILL')
  killQuietly(running.epmd.pid, 'SIGKILL')
  rmSync(running.dir, { recursive: true, force: true })
})

async function start(): Promise<RunningNode> {
  const began = Date.now()
  const dir = mkdtempSync(join(tmpdir(), 'bench-rabbitmq-'))
  for (const sub of ['home', 'mnesia', 'log']) mkdirSync(join(dir, sub))
  // Empty files in place of /etc/rabbitmq's, so that nothing system-wide changes this node.
  writeFileSync(join(dir, 'rabbitmq-env.conf'), '')
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n')
  const [amqpPort, distPort, epmdPort] = [await freePort(), await freePort(), await freePort()]
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The Erlang cookie goes to $HOME/.erlang.cookie: keep it in the private directory.
    HOME: join(dir, 'home'),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    ERL_EPMD_PORT: String(epmdPort),
    RABBITMQ_NODENAME: `zmtp-bench-${process.pid}@localhost`,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(amqpPort),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_PID_FILE: join(dir, 'rabbitmq.pid'),
    RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq'),
    RABBITMQ_ADVANCED_CONFIG_FILE: join(dir, 'advanced.config'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_PLUGINS_EXPAND_DIR: join(dir, 'plugins-expand'),
    // The distribution listener binds every interface unless told otherwise.
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
  }
  // Our own epmd in the foreground, so that it has a PID of ours to stop (the VM would otherwise start
  // one as a daemon, which outlives the run).
  const epmd = spawn(EPMD, ['-port', String(epmdPort), '-address', '127.0.0.1'], {
    env,
    stdio: 'ignore',
  })
  const server = spawn(RABBITMQ_SERVER, [], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  running = { url: `amqp://guest:guest@127.0.0.1:${amqpPort}`, dir, epmd, server, startMs: 0 }
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT)
  }
  server.stderr!.on('data', keep)
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`RabbitMQ did not start within ${START_TIMEOUT_MS} ms\n${output}`)),
      START_TIMEOUT_MS,
    )
    const fail = (why: string) => {
      clearTimeout(timer)
      reject(new Error(`RabbitMQ ${why}\n${output}`))
    }
    server.once('error', (error) => fail(`failed to start: ${error.message}`))
    server.once('exit', (code) => fail(`exited (${code}) while starting`))
    epmd.once('exit', (code) => fail(`epmd exited (${code}) while the node was starting`))
    // The start script prints this line once the broker, listeners included, is up.
    createInterface({ input: server.stdout! }).on('line', (line) => {
      output = `${output}${line}\n`.slice(-OUTPUT_KEPT)
      if (/Starting broker\.\.\. completed/.test(line)) {
        clearTimeout(timer)
        resolve()
      }
    })
  }).catch(async (error: unknown) => {
    await stopRabbitNode()
    throw error
  })
  server.removeAllListeners('exit')
  epmd.removeAllListeners('exit')
  running.startMs = Date.now() - began
  process.stderr.write(`[bench] RabbitMQ node ready in ${running.startMs} ms (${running.url})\n`)
  return running
}

/** The node's AMQP URL, starting the node on first use. */
export async function rabbitNode(): Promise<{ url: string; startMs: number }> {
  starting ??= start()
  const node = await starting
  return { url: node.url, startMs: node.startMs }
}

/**
 * Stops the node if this run started one: SIGTERM to the start script (which stops the VM cleanly and
 * waits for it), SIGKILL to the VM if that takes too long, then our epmd; removes its data.
 */
export async function stopRabbitNode(): Promise<void> {
  const node = running
  if (!node) return
  const pid = beamPid(node.dir)
  const began = Date.now()
  killQuietly(node.server.pid, 'SIGTERM')
  const timer = setTimeout(() => {
    killQuietly(pid, 'SIGKILL')
    killQuietly(node.server.pid, 'SIGKILL')
  }, STOP_GRACE_MS)
  // The start script waits for the VM before it exits.
  await exited(node.server)
  clearTimeout(timer)
  killQuietly(node.epmd.pid, 'SIGTERM')
  await exited(node.epmd)
  rmSync(node.dir, { recursive: true, force: true })
  running = null
  starting = null
  process.stderr.write(`[bench] RabbitMQ node stopped in ${Date.now() - began} ms\n`)
}
