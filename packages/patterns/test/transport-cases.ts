/**
 * The transports the interop and robustness suites run over, each with the options our sockets get
 * and a fresh endpoint that our sockets and libzmq (or zeromq.js) can both bind.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Transport } from '@zmtp/core'
import { tcp } from '@zmtp/transport-tcp'
import { ws } from '@zmtp/transport-ws'

/** A transport a suite runs over: how our sockets get it and where a socket binds. */
export interface TransportCase {
  /** The scheme, as it prefixes the names of the tests. */
  readonly name: 'tcp' | 'ipc' | 'ws'
  /** Options every socket of ours gets over this transport. */
  readonly options: { transports: Transport[]; linger?: number }
  /** A fresh endpoint to bind (an ephemeral port where the transport has ports). */
  bindTo(): string
  /** What an endpoint bound by {@link bindTo} looks like once its port is chosen. */
  readonly bound: RegExp
}

let counter = 0
const unique = () => `${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`

export const TCP: TransportCase = {
  name: 'tcp',
  options: { transports: [tcp()] },
  bindTo: () => 'tcp://127.0.0.1:*',
  bound: /^tcp:\/\/127\.0\.0\.1:\d+$/,
}

let ipcDirectory: string | undefined

/** A fresh socket path in a temporary directory that {@link removeIpcFiles} removes. */
function ipcPath(): string {
  ipcDirectory ??= mkdtempSync(join(tmpdir(), 'zmtp-test-'))
  return join(ipcDirectory, unique())
}

/**
 * Removes the socket files of {@link IPC} endpoints (call it from afterAll): libzmq removes only those it
 * named itself (`ipc://*`), so a path it was told to bind outlives the socket.
 */
export function removeIpcFiles(): void {
  if (ipcDirectory) rmSync(ipcDirectory, { recursive: true, force: true })
  ipcDirectory = undefined
}

/**
 * A socket file (see {@link ipcPath}). Not a Linux abstract name (`ipc://@name`): Node 20 binds and
 * connects those padded to the full length of `sun_path`, so libzmq, which uses the exact length,
 * names a different socket and the two never meet.
 */
export const IPC: TransportCase = {
  name: 'ipc',
  options: { transports: [tcp()] },
  bindTo: () => `ipc://${ipcPath()}`,
  bound: /^ipc:\/\/\/.+\/zmtp-test-\w+\/[\w-]+$/,
}

/**
 * ZWS 2.0 in NULL mode; linger 0 so teardown never waits. One path segment: a libzmq 4.3.x client
 * sends only the last segment of the path, and our server routes by path.
 */
export const WS: TransportCase = {
  name: 'ws',
  options: { transports: [ws()], linger: 0 },
  bindTo: () => 'ws://127.0.0.1:*/zmq',
  bound: /^ws:\/\/127\.0\.0\.1:\d+\/zmq$/,
}

/** Every transport with a byte stream under ZMTP (raw ZMTP bytes can be written to it). */
export const STREAM_TRANSPORTS: TransportCase[] = [TCP, IPC]

/** Every transport of ours that libzmq 4.3.4 (pyzmq) and zeromq.js 6.8.0 speak too: `wss://` is not one. */
export const ALL_TRANSPORTS: TransportCase[] = [TCP, IPC, WS]

/** `[name, case]` rows for `describe.each(...)('... over %s', (_, t) => ...)`: the bare name in titles. */
export function byName<T extends TransportCase>(cases: T[]): [string, T][] {
  return cases.map((t) => [t.name, t])
}
