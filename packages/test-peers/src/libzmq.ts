import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Channel, type PeerExit } from './channel.js'
import { PeerUnavailableError } from './errors.js'
import { LibzmqSocket, type LibzmqSocketType } from './libzmq-socket.js'
import { trackChild } from './reaper.js'
import { fromBase64 } from './wire.js'

/** Debian's interpreter: the one `python3-zmq` installs into, whatever `python3` is first on PATH. */
export const DEBIAN_PYTHON = '/usr/bin/python3'

/** The same relative path from `src/` (tests) and `dist/` (consumers). */
const SCRIPT = fileURLToPath(new URL('../python/libzmq_peer.py', import.meta.url))

/** The peer script exits with this status when `import zmq` fails. */
const EXIT_NO_ZMQ = 3

/** Options of {@link startLibzmq}. */
export interface LibzmqOptions {
  /** Python interpreter with pyzmq (default `/usr/bin/python3`). */
  python?: string
  /** Milliseconds to wait for the peer's first answer (default 10000). */
  startTimeout?: number
  /** Extra milliseconds a request may take beyond its own timeout before the driver gives up (default 10000). */
  requestTimeout?: number
}

/** Library versions the peer runs. */
export interface LibzmqVersions {
  /** libzmq, e.g. `'4.3.4'`. */
  zmq: string
  /** pyzmq, e.g. `'24.0.1'`. */
  pyzmq: string
}

const availability = new Map<string, boolean>()

/**
 * Whether {@link startLibzmq} can work here: the interpreter exists and imports `zmq`. Synchronous so
 * tests can decide at collection time; the answer is cached per interpreter.
 */
export function libzmqAvailable(python: string = DEBIAN_PYTHON): boolean {
  let available = availability.get(python)
  if (available === undefined) {
    const probe = spawnSync(python, ['-c', 'import zmq'], { stdio: 'ignore', timeout: 10_000 })
    available = probe.status === 0 && existsSync(SCRIPT)
    availability.set(python, available)
  }
  return available
}

/**
 * Spawns a libzmq peer process and resolves once it answers. Rejects with a
 * {@link PeerUnavailableError} when the interpreter or its `zmq` module is missing.
 */
export async function startLibzmq(options: LibzmqOptions = {}): Promise<LibzmqPeer> {
  const python = options.python ?? DEBIAN_PYTHON
  if (!existsSync(python)) throw new PeerUnavailableError()
  const child = spawn(python, ['-u', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] })
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve)
    child.once('error', reject)
  })
  try {
    await spawned
  } catch {
    throw new PeerUnavailableError()
  }
  trackChild(child)
  const channel = new Channel(child, options.requestTimeout ?? 10_000)
  try {
    const versions = (await channel.request('ping', {}, options.startTimeout ?? 10_000)) as LibzmqVersions
    return new LibzmqPeer(channel, child.pid!, versions)
  } catch (error) {
    child.kill('SIGKILL')
    const exit = await channel.exited
    if (exit.code === EXIT_NO_ZMQ) throw new PeerUnavailableError()
    throw error
  }
}

/** Who the peer's ZAP handler lets in; see {@link LibzmqPeer.startZap}. */
export interface ZapConfig {
  /** PLAIN usernames and their passwords; absent refuses every PLAIN peer. */
  plain?: Record<string, string>
  /** CURVE public keys (Z85) let in, or `'any'`; absent refuses every CURVE peer. */
  curve?: string[] | 'any'
  /** The user id to answer for accepted peers (default: the PLAIN username or the CURVE key in Z85). */
  user_id?: string
}

/** One ZAP request the handler answered. */
export interface ZapRecord {
  version: string
  domain: string
  address: string
  /** libzmq's "identity" frame: the server socket's own routing id. */
  routingId: Uint8Array
  mechanism: string
  credentials: Uint8Array[]
  accepted: boolean
}

interface RawZapRecord extends Omit<ZapRecord, 'routingId' | 'credentials'> {
  routing_id: string
  credentials: string[]
}

/** A running libzmq peer process holding any number of real libzmq sockets. */
export class LibzmqPeer {
  /** @internal Created by {@link startLibzmq}. */
  constructor(
    private readonly channel: Channel,
    /** The peer's process id. */
    readonly pid: number,
    /** The libzmq and pyzmq versions in use. */
    readonly versions: LibzmqVersions,
  ) {}

  /** Settles when the process has ended, however it ended. */
  get exited(): Promise<PeerExit> {
    return this.channel.exited
  }

  /** Whether the process is still running. */
  get alive(): boolean {
    return this.channel.alive
  }

  /** Creates a socket. Its linger starts at 0 (not libzmq's infinite default) so teardown never hangs. */
  async socket(type: LibzmqSocketType): Promise<LibzmqSocket> {
    const handle = (await this.channel.request('socket', { type })) as number
    return new LibzmqSocket(this.channel, handle, type)
  }

  /** A CURVE key pair made by libzmq (`zmq_curve_keypair`), as 40-character Z85 strings. */
  async curveKeyPair(): Promise<{ publicKey: string; secretKey: string }> {
    return (await this.channel.request('curve_keypair', {})) as { publicKey: string; secretKey: string }
  }

  /**
   * Binds a ZAP handler (RFC 27) at `inproc://zeromq.zap.01` in the peer's context, so that its PLAIN and
   * CURVE server sockets authenticate every peer through it. It lets in NULL peers, PLAIN peers whose
   * password matches `plain`, and CURVE peers whose key is in `curve` (or any key with `'any'`); it
   * refuses everyone else with status 400. One handler per peer; bind it before the sockets handshake.
   */
  async startZap(config: ZapConfig): Promise<void> {
    await this.channel.request('zap_start', { config })
  }

  /** The ZAP requests the handler has answered so far, oldest first. */
  async zapRequests(): Promise<ZapRecord[]> {
    const records = (await this.channel.request('zap_requests', {})) as RawZapRecord[]
    return records.map((record) => ({
      ...record,
      routingId: fromBase64(record.routing_id),
      credentials: record.credentials.map(fromBase64),
    }))
  }

  /** Unbinds the ZAP handler: later handshakes skip authentication, as libzmq does without one. */
  async stopZap(): Promise<void> {
    await this.channel.request('zap_stop', {})
  }

  /** Round trip to check the peer is responsive. */
  async ping(): Promise<void> {
    await this.channel.request('ping', {})
  }

  /**
   * Ends the process abruptly with SIGKILL, as a crashed peer: its connections drop without a goodbye.
   * Pending requests reject with a {@link PeerExitedError}.
   */
  async kill(): Promise<void> {
    if (this.channel.alive) process.kill(this.pid, 'SIGKILL')
    await this.channel.exited
  }

  /** Asks the peer to close its sockets and exit, and kills it if it has not exited within `timeout` ms. */
  async stop({ timeout = 2000 }: { timeout?: number } = {}): Promise<void> {
    if (!this.channel.alive) return
    // The exit request's own answer races the process end; only the end matters.
    this.channel.request('exit', {}).catch(() => {})
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeout)
    })
    const outcome = await Promise.race([this.channel.exited, deadline])
    clearTimeout(timer)
    if (outcome === 'late') await this.kill()
  }
}
