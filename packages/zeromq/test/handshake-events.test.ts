/**
 * Handshake failures in socket events as zeromq.js reports them: libzmq's texts, the ZAP status of an
 * authentication failure, the ERR_ZMTP_ or ERR_ZAP_ name of a protocol error, with zmtp's error as the cause.
 */

import { describe, expect, it } from 'vitest'
import * as zmq from '../src/index.js'
import { track } from './tracker.js'

type Handle = (request: Buffer[]) => (string | Buffer)[]

/** A ZAP handler as zeromq.js programs write one: a Router at inproc://zeromq.zap.01. */
async function zapHandler(handle: Handle): Promise<void> {
  const router = track(new zmq.Router())
  await router.bind('inproc://zeromq.zap.01')
  void (async () => {
    for await (const [id, ...request] of router) await router.send([id!, ...handle(request as Buffer[])])
  })().catch(() => {})
}

function nextEvent(socket: zmq.Pair, type: 'handshake:error:auth' | 'handshake:error:protocol') {
  return new Promise<{ type: string; address?: string; error?: zmq.HandshakeEventError }>((resolve) => {
    socket.events.once(type, resolve as never)
  })
}

/** A bound PLAIN server and a CURVE server that will connect to it: their mechanisms differ. */
async function mismatched() {
  const plain = track(new zmq.Pair({ plainServer: true }))
  const curve = track(new zmq.Pair({ curveServer: true, curveSecretKey: zmq.curveKeyPair().secretKey }))
  await plain.bind('tcp://127.0.0.1:*')
  return { plain, curve }
}

describe('handshake errors in events', () => {
  it('a refused peer: "Authentication failure" with status 400 on both sides', async () => {
    await zapHandler(([delimiter, version, id]) => [
      delimiter!,
      version!,
      id!,
      '400',
      'Bad credentials',
      '',
      '',
    ])
    const server = track(new zmq.Pair({ plainServer: true, zapDomain: 'test' }))
    const client = track(new zmq.Pair({ plainUsername: 'user', plainPassword: 'BAD PASS' }))
    await server.bind('tcp://127.0.0.1:*')
    const address = server.lastEndpoint!
    const events = Promise.all([
      nextEvent(server, 'handshake:error:auth'),
      nextEvent(client, 'handshake:error:auth'),
    ])
    client.connect(address)
    for (const event of await events) {
      expect(event.address).toBe(address)
      expect(event.error).toBeInstanceOf(Error)
      expect([event.error!.message, event.error!.status]).toEqual(['Authentication failure', 400])
      expect(event.error!.cause).toBeInstanceOf(Error)
    }
  })

  it('a ZAP reply of another version: "ZAP protocol error" ERR_ZAP_BAD_VERSION', async () => {
    await zapHandler(([delimiter, , id]) => [delimiter!, '9.9', id!, '200', 'OK', '', ''])
    const server = track(new zmq.Pair({ plainServer: true, zapDomain: 'test' }))
    const client = track(new zmq.Pair({ plainUsername: 'user' }))
    await server.bind('tcp://127.0.0.1:*')
    const failed = nextEvent(server, 'handshake:error:protocol')
    client.connect(server.lastEndpoint!)
    const { error } = await failed
    expect([error!.message, error!.code]).toEqual(['ZAP protocol error', 'ERR_ZAP_BAD_VERSION'])
  })

  it('a mechanism mismatch: "ZMTP protocol error" ERR_ZMTP_MECHANISM_MISMATCH on both sides', async () => {
    const { plain, curve } = await mismatched()
    const events = Promise.all([
      nextEvent(plain, 'handshake:error:protocol'),
      nextEvent(curve, 'handshake:error:protocol'),
    ])
    curve.connect(plain.lastEndpoint!)
    for (const { error } of await events) {
      expect([error!.message, error!.code]).toEqual(['ZMTP protocol error', 'ERR_ZMTP_MECHANISM_MISMATCH'])
    }
  })

  it('the same through events.receive()', async () => {
    const { plain, curve } = await mismatched()
    curve.connect(plain.lastEndpoint!)
    for (;;) {
      const event = await curve.events.receive()
      if (event.type !== 'handshake:error:protocol') continue
      expect((event.error as zmq.HandshakeEventError).code).toBe('ERR_ZMTP_MECHANISM_MISMATCH')
      break
    }
  })
})
