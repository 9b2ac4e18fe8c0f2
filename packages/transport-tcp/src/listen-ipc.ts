import { lstatSync, unlinkSync } from 'node:fs'
import { lstat, mkdtemp, rm, unlink } from 'node:fs/promises'
import { connect, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ErrorCode,
  errnoOf,
  fromSystemError,
  type Listener,
  type ListenOptions,
  TransportError,
} from '@zmtp/core'
import { ipcSocketPath } from './address.js'
import { formatTcpEndpoint, type IpcEndpoint } from './endpoint.js'
import { bind, createAcceptingServer, NetListener } from './listener.js'
import type { ResolvedTcpOptions } from './options.js'

/** Device and inode of the socket file we created, so cleanup never removes a later listener's file. */
interface FileIdentity {
  dev: number
  ino: number
}

async function identify(path: string): Promise<FileIdentity | undefined> {
  const stats = await lstat(path).catch(() => undefined)
  return stats ? { dev: stats.dev, ino: stats.ino } : undefined
}

/** True when `path` is a socket file nobody accepts on (left by a process that died), or is gone. */
async function isStale(path: string): Promise<boolean> {
  const stats = await lstat(path).catch(() => undefined)
  if (!stats) return true
  if (!stats.isSocket()) return false
  return new Promise((resolve) => {
    const probe = connect({ path })
    probe.once('connect', () => {
      probe.destroy()
      resolve(false)
    })
    probe.once('error', (error) => resolve(errnoOf(error) === 'ECONNREFUSED' || errnoOf(error) === 'ENOENT'))
  })
}

/**
 * libzmq unlinks whatever is at the path before binding; we only replace a socket file nobody listens
 * on, so a second bind to a live endpoint fails with EADDRINUSE instead of stealing it.
 */
async function bindPath(server: Server, path: string, backlog: number): Promise<void> {
  try {
    await bind(server, { path, backlog })
  } catch (error) {
    if (errnoOf(error) !== 'EADDRINUSE' || !(await isStale(path))) throw error
    await unlink(path).catch(() => {})
    await bind(server, { path, backlog })
  }
}

/**
 * Removes our socket file, synchronously: close() runs this before it returns control, so a socket that
 * binds the same path right after cannot have its new file (which may reuse our inode number) removed
 * by a check that ran late.
 */
function removeIfOurs(path: string, identity: FileIdentity | undefined): void {
  if (!identity) return
  try {
    const now = lstatSync(path)
    if (now.dev === identity.dev && now.ino === identity.ino) unlinkSync(path)
  } catch {
    // Already gone.
  }
}

/**
 * Binds `ipc://path`, `ipc://@name` (Linux abstract namespace) or `ipc://*` (a fresh path in a new
 * temporary directory, as libzmq does). Closing the listener removes the socket file and that directory.
 */
export async function listenIpc(
  endpoint: IpcEndpoint,
  options: ListenOptions,
  config: ResolvedTcpOptions,
): Promise<Listener> {
  if (endpoint.abstract && process.platform !== 'linux') {
    throw new TransportError(
      ErrorCode.AddressNotAvailable,
      `bind ${formatTcpEndpoint(endpoint)} failed: abstract ipc sockets exist only on Linux`,
    )
  }
  const tempDir =
    !endpoint.abstract && endpoint.path === '*' ? await mkdtemp(join(tmpdir(), 'zmtp-')) : undefined
  const bound: IpcEndpoint = tempDir ? { ...endpoint, path: join(tempDir, 'socket') } : endpoint
  const removeTempDir = async () => {
    if (tempDir) await rm(tempDir, { recursive: true, force: true })
  }

  const address = formatTcpEndpoint(bound)
  // Unix sockets that connect have no name of their own: both ends are best described by the bound path.
  const server = createAcceptingServer(options, config, () => ({
    remoteAddress: address,
    localAddress: address,
  }))
  try {
    if (bound.abstract) await bind(server, { path: ipcSocketPath(bound), backlog: config.backlog })
    else await bindPath(server, bound.path, config.backlog)
  } catch (error) {
    await removeTempDir()
    throw fromSystemError(error, 'bind', formatTcpEndpoint(endpoint))
  }
  const identity = bound.abstract ? undefined : await identify(bound.path)
  return new NetListener(server, address, options, async () => {
    removeIfOurs(bound.path, identity)
    await removeTempDir()
  })
}
