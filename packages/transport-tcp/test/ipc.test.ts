import { existsSync, linkSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ErrorCode, isZmtpError } from '@zmtp/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tcp } from '../src/index.js'
import { bytes, closed, connectPair, dial, ipcAt, listen, receive, text } from './helpers.js'

const transport = tcp()
const isLinux = process.platform === 'linux'
const isWindows = process.platform === 'win32'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zmtp-ipc-test-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function roundTrip(endpoint: ReturnType<typeof ipcAt>, listening: Awaited<ReturnType<typeof listen>>) {
  const { client, server } = await connectPair(transport, listening, endpoint)
  const atServer = receive(server, 4)
  client.write(bytes('ping'))
  expect(text(await atServer)).toBe('ping')
  const atClient = receive(client, 4)
  server.write(bytes('pong'))
  expect(text(await atClient)).toBe('pong')
  return { client, server }
}

describe.skipIf(isWindows)('ipc transport', () => {
  it('listens on a path and removes the socket file on close', async () => {
    const path = join(dir, 'a.sock')
    const listening = await listen(transport, ipcAt(path))
    expect(listening.listener.endpoint).toBe(`ipc://${path}`)
    expect(existsSync(path)).toBe(true)
    const { client, server } = await roundTrip(ipcAt(path), listening)
    expect(client.remoteAddress).toBe(`ipc://${path}`)
    expect(server.remoteAddress).toBe(`ipc://${path}`)
    await listening.listener.close()
    expect(existsSync(path)).toBe(false)
  })

  it('a listener closed and a new one bound on the same path at once: the new file survives', async () => {
    const path = join(dir, 'again.sock')
    const first = await listen(transport, ipcAt(path))
    // Not awaited: a socket's close() does not wait for its listeners either.
    const closing = first.listener.close()
    const second = await listen(transport, ipcAt(path))
    await closing
    expect(existsSync(path)).toBe(true)
    await roundTrip(ipcAt(path), second)
    await second.listener.close()
    expect(existsSync(path)).toBe(false)
  })

  it.skipIf(!isLinux)('listens on an abstract name', async () => {
    const name = `zmtp-test-${process.pid}-${Math.random().toString(36).slice(2)}`
    const listening = await listen(transport, ipcAt(name, true))
    expect(listening.listener.endpoint).toBe(`ipc://@${name}`)
    const { client } = await roundTrip(ipcAt(name, true), listening)
    expect(client.remoteAddress).toBe(`ipc://@${name}`)
  })

  it('binds ipc://* to a fresh temporary path and removes it on close', async () => {
    const listening = await listen(transport, ipcAt('*'))
    const endpoint = listening.listener.endpoint
    expect(endpoint.startsWith(`ipc://${tmpdir()}`)).toBe(true)
    const path = endpoint.slice('ipc://'.length)
    expect(existsSync(path)).toBe(true)
    await roundTrip(ipcAt(path), listening)
    await listening.listener.close()
    expect(existsSync(path)).toBe(false)
    expect(existsSync(join(path, '..'))).toBe(false)
  })

  it('replaces a stale socket file nobody listens on', async () => {
    const path = join(dir, 'stale.sock')
    // A second name for a live socket survives its listener: the shape a crashed process leaves behind.
    const first = await listen(transport, ipcAt(join(dir, 'first.sock')))
    linkSync(join(dir, 'first.sock'), path)
    await first.listener.close()
    expect(existsSync(path)).toBe(true)
    const connectError = await dial(transport, ipcAt(path)).catch((e) => e)
    expect(isZmtpError(connectError, ErrorCode.ConnectionRefused)).toBe(true)

    const listening = await listen(transport, ipcAt(path))
    await roundTrip(ipcAt(path), listening)
  })

  it('does not take over a path someone listens on', async () => {
    const path = join(dir, 'live.sock')
    const listening = await listen(transport, ipcAt(path))
    const error = await listen(transport, ipcAt(path)).catch((e) => e)
    expect(isZmtpError(error, ErrorCode.AddressInUse)).toBe(true)
    // Liveness was checked by connecting: the live listener saw that probe come and go.
    const probe = await listening.accepted()
    await closed(probe)
    await roundTrip(ipcAt(path), listening)
  })

  it('does not remove a file that is not a socket', async () => {
    const path = join(dir, 'plain')
    writeFileSync(path, 'keep me')
    const error = await listen(transport, ipcAt(path)).catch((e) => e)
    expect(isZmtpError(error, ErrorCode.AddressInUse)).toBe(true)
    expect(existsSync(path)).toBe(true)
  })

  it('fails with ECONNREFUSED for a path with nothing behind it', async () => {
    const error = await dial(transport, ipcAt(join(dir, 'missing.sock'))).catch((e) => e)
    expect(isZmtpError(error, ErrorCode.ConnectionRefused)).toBe(true)
    expect((error.cause as { code?: string }).code).toBe('ENOENT')
  })
})
