/**
 * Test-only set-up shared by the libzmq interop suites that drive an engine over `node:net`: one libzmq
 * peer process per suite, and helpers that make libzmq sockets and engine connections which are all
 * cleaned up after each test, newest first.
 */
import {
  type LibzmqPeer,
  type LibzmqSocket,
  type LibzmqSocketType,
  type OptionValue,
  startLibzmq,
} from '@zmtp/test-peers'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { type EngineOptions, utf8Decode, utf8Encode } from '../../src/index.js'
import { dialEngine, type EngineConnection, EngineListener } from './node-socket-engine.js'

/** The port of an endpoint such as `tcp://127.0.0.1:41234`, as libzmq's bind reports it. */
export function portOf(endpoint: string): number {
  const match = /:(\d+)$/.exec(endpoint)
  if (!match) throw new Error(`no port in ${endpoint}`)
  return Number(match[1])
}

/** Registers the suite's hooks (call it inside `describe`) and returns the helpers. */
export function useLibzmqSession() {
  let peer: LibzmqPeer | undefined
  const cleanups: (() => Promise<void>)[] = []

  beforeAll(async () => {
    peer = await startLibzmq()
  })

  afterAll(async () => {
    await peer?.stop()
  })

  afterEach(async () => {
    const failures: unknown[] = []
    while (cleanups.length > 0) {
      try {
        await cleanups.pop()!()
      } catch (error) {
        failures.push(error)
      }
    }
    if (failures.length > 0) throw failures[0]
  })

  const session = {
    /** The running peer process. */
    peer(): LibzmqPeer {
      if (!peer) throw new Error('the libzmq peer is not running')
      return peer
    },

    /** Runs `step` after the current test, before the steps registered earlier. */
    defer(step: () => Promise<void>): void {
      cleanups.push(step)
    },

    /** A libzmq socket with its monitor on and `options` set, before any bind/connect. */
    async zmq(type: LibzmqSocketType, options: Record<string, OptionValue> = {}): Promise<LibzmqSocket> {
      const socket = await session.peer().socket(type)
      cleanups.push(() => socket.close())
      await socket.monitor()
      for (const [name, value] of Object.entries(options)) await socket.setOption(name, value)
      return socket
    },

    /** A libzmq socket bound on an ephemeral 127.0.0.1 port. */
    async bound(type: LibzmqSocketType, options: Record<string, OptionValue> = {}) {
      const socket = await session.zmq(type, options)
      const port = portOf(await socket.bind('tcp://127.0.0.1:*'))
      return { socket, port }
    },

    /** Our engine dialing a libzmq socket; a handshake that sticks becomes an error after 5 s. */
    dial(port: number, options: EngineOptions): EngineConnection {
      const connection = dialEngine(port, { handshakeInterval: 5000, ...options })
      cleanups.push(() => connection.close())
      return connection
    },

    /** Our engine behind a listening `net.Server` that libzmq connects to. */
    async listen(options: EngineOptions): Promise<EngineListener> {
      const listener = await EngineListener.listen({ handshakeInterval: 5000, ...options })
      cleanups.push(() => listener.close())
      return listener
    },
  }
  return session
}

/**
 * Publishes from a libzmq PUB to our SUB engine, which subscribed to `A`, until the subscription is in
 * force, then checks that only `A` topics arrive. libzmq's PUB applies a subscription only when its socket
 * thread next reads the pipe, so messages published right after it may still be dropped: publish until one
 * gets through, boundedly; after that a `B` published before the final `A` would arrive first.
 */
export async function expectTopicFiltering(pub: LibzmqSocket, sub: EngineConnection): Promise<string[]> {
  const text = (value: string) => utf8Encode(value)
  for (let attempt = 0; sub.messages.length === 0; attempt++) {
    if (attempt >= 100) throw new Error('the PUB never delivered a subscribed topic')
    await pub.send([text('B-early')])
    await pub.send([text(`A-${attempt}`)])
    await sub.waitFor(() => sub.messages.length > 0, { timeout: 50 }).catch(() => undefined)
  }
  await pub.send([text('B-late')])
  await pub.send([text('A-last')])
  await sub.waitFor(() => sub.messages.some(([frame]) => utf8Decode(frame!) === 'A-last'))
  return sub.messages.map(([frame]) => utf8Decode(frame!))
}
