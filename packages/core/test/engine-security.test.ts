/**
 * PLAIN and CURVE between two engines back to back, over a byte stream and over ZWS message framing.
 */
import { describe, expect, it } from 'vitest'
import {
  AuthError,
  CurveMechanism,
  concatBytes,
  curveKeyPair,
  curvePublicKey,
  type EngineOptions,
  ErrorCode,
  type Mechanism,
  type PeerError,
  PlainMechanism,
  toHex,
  utf8Encode,
  z85Decode,
  z85Encode,
} from '../src/index.js'
import { deliver, pair } from './support/engine-harness.js'

type Framing = NonNullable<EngineOptions['framing']>
const text = (value: string) => utf8Encode(value)
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

function engines(
  framing: Framing,
  client: Mechanism,
  server: Mechanism,
  types: [EngineOptions['socketType'], EngineOptions['socketType']] = ['DEALER', 'ROUTER'],
) {
  return pair(
    { framing, socketType: types[0], mechanism: client },
    { framing, socketType: types[1], mechanism: server },
  )
}

describe('curve keys', () => {
  it('makes Z85 key pairs whose public half matches the secret half', () => {
    const pair = curveKeyPair()
    expect(pair.publicKey).toHaveLength(40)
    expect(pair.secretKey).toHaveLength(40)
    expect(curvePublicKey(pair.secretKey)).toBe(pair.publicKey)
    expect(curvePublicKey(z85Decode(pair.secretKey))).toBe(pair.publicKey)
    expect(curveKeyPair().secretKey).not.toBe(pair.secretKey)
    expect(z85Encode(z85Decode(pair.publicKey))).toBe(pair.publicKey)
  })
})

describe.each(['stream', 'message'] as const)(
  'security mechanisms between engines over %s framing',
  (framing) => {
    it('PLAIN: an async hook lets the client in; its user id and metadata reach the server', async () => {
      const { left, right, pump } = engines(
        framing,
        new PlainMechanism({ username: 'ann', password: 'pw' }),
        new PlainMechanism({
          asServer: true,
          authenticate: async ({ credentials }) => ({
            status: credentials[1]!.length === 2 ? '200' : '400',
            userId: 'ann',
            metadata: [['X-Tenant', 'blue']],
          }),
        }),
      )
      await settle()
      pump()
      expect([left.errors, right.errors]).toEqual([[], []])
      expect(right.peer()).toMatchObject({ mechanism: 'PLAIN', userId: 'ann', socketType: 'DEALER' })
      expect(right.peer()!.metadata.get('X-Tenant')).toEqual(text('blue'))
      left.e.send([text('hi')])
      pump()
      expect(right.messages).toEqual([[text('hi')]])
    })

    it('PLAIN: a refused client gets ERROR 400; the server fails with ERR_AUTH_FAILED', async () => {
      const { left, right, pump } = engines(
        framing,
        new PlainMechanism({ username: 'ann', password: 'wrong' }),
        new PlainMechanism({ asServer: true, authenticate: async () => ({ status: '400' }) }),
      )
      await settle()
      pump()
      expect(right.errors.map((error) => error.code)).toEqual([ErrorCode.AuthFailed])
      expect(left.errors).toHaveLength(1)
      expect((left.errors[0] as PeerError).reason).toBe('400')
    })

    it('CURVE: encrypts every frame; messages, subscriptions and PING/PONG cross; the hook names the user', async () => {
      const server = curveKeyPair()
      const client = curveKeyPair()
      const seen: string[] = []
      const { left, right, pump } = engines(
        framing,
        new CurveMechanism({ ...client, serverKey: server.publicKey }),
        new CurveMechanism({
          asServer: true,
          ...server,
          authenticate: (request) => {
            seen.push(z85Encode(request.credentials[0]!))
            return { status: '200', userId: 'client-1' }
          },
        }),
        ['SUB', 'PUB'],
      )
      await settle()
      pump()
      expect([left.errors, right.errors]).toEqual([[], []])
      expect(seen).toEqual([client.publicKey])
      expect(right.peer()).toMatchObject({ mechanism: 'CURVE', userId: 'client-1', socketType: 'SUB' })
      expect(left.peer()).toMatchObject({ mechanism: 'CURVE', socketType: 'PUB' })

      left.e.sendSubscription(true, text('topic-secret'))
      left.e.flush()
      const wire = left.take()
      expect(toHex(concatBytes(wire))).not.toContain(toHex(text('topic-secret')))
      deliver(right.e, wire, framing)
      if (framing === 'stream') {
        expect(right.subscriptions).toEqual([[true, 'topic-secret']])
      } else {
        // ZWS carries subscriptions as `0x01` + topic data messages, sealed all the same.
        expect(right.messages).toEqual([[concatBytes([Uint8Array.of(1), text('topic-secret')])]])
      }

      right.e.send([text('topic-secret'), new Uint8Array(70_000).fill(3)])
      right.e.flush()
      const sent = right.take()
      expect(toHex(concatBytes(sent))).not.toContain(toHex(text('topic-secret')))
      deliver(left.e, sent, framing)
      expect(left.messages).toEqual([[text('topic-secret'), new Uint8Array(70_000).fill(3)]])

      left.e.ping(text('ctx'))
      pump()
      expect([left.errors, right.errors]).toEqual([[], []])
    })

    it('CURVE: a client with the wrong server key fails at the server with ERR_DECRYPT_FAILED', async () => {
      const server = curveKeyPair()
      const { left, right } = engines(
        framing,
        new CurveMechanism({ ...curveKeyPair(), serverKey: curveKeyPair().publicKey }),
        new CurveMechanism({ asServer: true, secretKey: server.secretKey }),
      )
      await settle()
      expect(right.errors.map((error) => error.code)).toEqual([ErrorCode.DecryptFailed])
      expect(left.e.ready).toBe(false)
    })

    it('CURVE: a client the hook refuses gets ERROR 400 and the server an AuthError', async () => {
      const server = curveKeyPair()
      const { left, right, pump } = engines(
        framing,
        new CurveMechanism({ ...curveKeyPair(), serverKey: server.publicKey }),
        new CurveMechanism({
          asServer: true,
          secretKey: server.secretKey,
          authenticate: async () => ({ status: '400' }),
        }),
      )
      await settle()
      pump()
      expect(right.errors[0]).toBeInstanceOf(AuthError)
      expect((left.errors[0] as PeerError).reason).toBe('400')
      expect([left.e.ready, right.e.ready]).toEqual([false, false])
    })

    it('CURVE: a MESSAGE replayed by an attacker on the wire closes the connection', async () => {
      const server = curveKeyPair()
      const { left, right } = engines(
        framing,
        new CurveMechanism({ ...curveKeyPair(), serverKey: server.publicKey }),
        new CurveMechanism({ asServer: true, secretKey: server.secretKey }),
      )
      left.e.send([text('pay 10')])
      left.e.flush()
      const wire = left.take()
      deliver(right.e, wire, framing)
      deliver(right.e, wire, framing)
      expect(right.messages).toEqual([[text('pay 10')]])
      expect(right.errors.map((error) => error.code)).toEqual([ErrorCode.ReplayedNonce])
    })
  },
)
