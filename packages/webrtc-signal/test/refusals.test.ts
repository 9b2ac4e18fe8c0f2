import { ErrorCode } from '@zmtp/core'
import { SignalingError } from '@zmtp/transport-webrtc'
import { afterEach, describe, expect, it } from 'vitest'
import { signalingFixture } from './support.js'

type Fixture = Awaited<ReturnType<typeof signalingFixture>>
let fixture: Fixture
afterEach(() => fixture.close())

const noop = () => {}

describe('the signaling server refuses bad requests with a typed code and keeps serving', () => {
  it('refuses bytes that are not a signaling message, a message of several frames, and an oversized one', async () => {
    fixture = await signalingFixture()
    const raw = fixture.raw()
    const garbage = await raw.ask(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]))
    expect(garbage).toMatchObject({ kind: 'failure', code: ErrorCode.MalformedFrame })
    const frames = await raw.ask([new Uint8Array([1]), new Uint8Array([2])])
    expect(frames).toMatchObject({ kind: 'failure', code: ErrorCode.MalformedFrame })
    const huge = raw.encodeRequest({ seq: 7, kind: 'announce', id: 'x'.repeat(70_000) })
    expect(await raw.ask(huge)).toMatchObject({ kind: 'failure', code: ErrorCode.LimitExceeded })
    const badId = raw.encodeRequest({ seq: 8, kind: 'announce', id: 'no spaces allowed' })
    expect(await raw.ask(badId)).toMatchObject({ seq: 8, kind: 'failure', code: ErrorCode.InvalidArgument })

    // Meanwhile two well-behaved peers still signal each other.
    const alice = fixture.client()
    const bob = fixture.client()
    const got = new Promise((resolve) => void bob.announce('bob', resolve))
    await alice.announce('alice', noop)
    await new Promise((resolve) => setTimeout(resolve, 0))
    await alice.send({ from: 'alice', to: 'bob', session: 's1', kind: 'bye', reason: 'hello' })
    expect(await got).toMatchObject({ from: 'alice', to: 'bob', kind: 'bye', reason: 'hello' })
  })

  it('refuses signals to ids nobody announced, and as ids the sender does not hold', async () => {
    fixture = await signalingFixture()
    const alice = fixture.client()
    await alice.announce('alice', noop)
    const unknown = await alice
      .send({ from: 'alice', to: 'nobody', session: 's', kind: 'offer', sdp: 'v=0' })
      .catch((error: unknown) => error)
    expect(unknown).toBeInstanceOf(SignalingError)
    expect(unknown).toMatchObject({ code: ErrorCode.HostUnreachable })

    // A raw client pretending to be alice is refused by the server itself.
    const raw = fixture.raw()
    const spoof = raw.encodeRequest({
      seq: 3,
      kind: 'signal',
      signal: { from: 'alice', to: 'alice', session: 's', kind: 'bye', reason: 'spoofed' },
    })
    expect(await raw.ask(spoof)).toMatchObject({ seq: 3, kind: 'failure', code: ErrorCode.Forbidden })
    // And the client refuses locally to sign as an id it did not announce.
    await expect(
      alice.send({ from: 'mallory', to: 'alice', session: 's', kind: 'bye', reason: '' }),
    ).rejects.toMatchObject({
      code: ErrorCode.Forbidden,
    })
  })

  it('a withdrawn id is unknown again; a second announce of the same id by one client is EADDRINUSE', async () => {
    fixture = await signalingFixture()
    const alice = fixture.client()
    const bob = fixture.client()
    await bob.announce('bob', noop)
    const held = await alice.announce('alice', noop)
    await expect(alice.announce('alice', noop)).rejects.toMatchObject({ code: ErrorCode.AddressInUse })
    await held.close()
    await expect(
      bob.send({ from: 'bob', to: 'alice', session: 's', kind: 'bye', reason: '' }),
    ).rejects.toMatchObject({
      code: ErrorCode.HostUnreachable,
    })
    expect(fixture.server.ids()).toEqual(['bob'])
  })
})
