/**
 * Values as zeromq.js programs handle them: `routingId` reads back as a Buffer, small parts are copied
 * at send() so the caller may reuse them, and a failed bind is reported as libzmq reports it.
 */
import { describe, expect, it } from 'vitest'
import * as zmq from '../src/index.js'
import { track } from './tracker.js'

describe('routingId', () => {
  it('reads back as a Buffer that compares and prints as the string set', () => {
    const dealer = track(new zmq.Dealer({ routingId: 'åbç' }))
    expect(Buffer.isBuffer(dealer.routingId)).toBe(true)
    // biome-ignore lint/suspicious/noDoubleEquals: zeromq.js programs compare the string loosely
    expect(dealer.routingId == ('åbç' as unknown)).toBe(true)
    expect(`${dealer.routingId}`).toBe('åbç')
    expect(track(new zmq.Dealer()).routingId).toBe(undefined)
  })

  it('keeps binary ids intact', () => {
    const dealer = track(new zmq.Dealer())
    dealer.routingId = Buffer.from([0, 0xff, 0x80])
    expect([...dealer.routingId!]).toEqual([0, 0xff, 0x80])
  })
})

describe('send()', () => {
  async function pair(name: string) {
    const pull = track(new zmq.Pull())
    await pull.bind(`inproc://${name}`)
    const push = track(new zmq.Push())
    push.connect(`inproc://${name}`)
    return { push, pull }
  }

  it('copies parts of up to 128 bytes: the caller may refill the buffer at once', async () => {
    const { push, pull } = await pair('values-small')
    const buffer = Buffer.alloc(128)
    for (let i = 0; i < 3; i++) {
      buffer.fill(i)
      await push.send([buffer, new Uint16Array([i])])
    }
    buffer.fill(9)
    for (let i = 0; i < 3; i++) {
      const [part, view] = await pull.receive()
      expect([part!.length, part![0], part![127], view![0]]).toEqual([128, i, i, i])
    }
  })
})

describe('bind:error', () => {
  it('gives the address without its transport and the error as libzmq names it', async () => {
    const first = track(new zmq.Pull())
    await first.bind('tcp://127.0.0.1:*')
    const address = first.lastEndpoint!
    const second = track(new zmq.Pull())
    const event = new Promise<{ address: string; error: zmq.ZeromqError }>((resolve) => {
      second.events.on('bind:error', resolve as never)
    })
    await second.bind(address).catch(() => {})
    const { address: reported, error } = await event
    expect(`tcp://${reported}`).toBe(address)
    expect([error.message, error.code, error.errno]).toEqual(['Address already in use', 'EADDRINUSE', 98])
  })
})
