/**
 * Our Stream against libzmq 4.3's ZMQ_STREAM over tcp and ipc, each side binding in turn: the connect
 * notices, raw bytes both ways, and closing a peer with an empty frame seen as a disconnect notice by
 * the other side. Also what a ZMTP peer looks like to a Stream: its greeting, as raw bytes.
 */
import { requireLibzmq } from '@zmtp/test-peers'
import { describe, expect, it } from 'vitest'
import { Stream } from '../../src/index.js'
import { text } from '../helpers.js'
import { IPC, TCP } from '../transport-cases.js'
import { BINDERS, libzmqSuite } from './libzmq-setup.js'

const EMPTY = new Uint8Array(0)

describe.skipIf(requireLibzmq() === 'skip').each([TCP, IPC])('Stream with libzmq STREAM over $name', (t) => {
  const z = libzmqSuite()

  describe.each(BINDERS)('%s side binding', (binder) => {
    it('exchanges raw bytes, and a close by either side is announced to the other', async () => {
      const ours = z.ours(new Stream(t.options))
      const theirs = await z.zmq('STREAM')
      if (binder === 'ours') {
        await ours.bind(t.bindTo())
        await theirs.connect(ours.lastEndpoint!)
      } else {
        ours.connect(await theirs.bind(t.bindTo()), { routingId: 'to-libzmq' })
      }
      const [ourId, ourNotice] = await ours.receive()
      expect(ourNotice).toHaveLength(0)
      if (binder === 'libzmq') expect(text([ourId!])).toEqual(['to-libzmq'])
      const [theirId, theirNotice] = await theirs.receive()
      expect(theirNotice).toHaveLength(0)

      await ours.send([ourId!, 'ping from ours'])
      expect(text(await theirs.receive())).toEqual([new TextDecoder().decode(theirId), 'ping from ours'])
      await theirs.send([theirId!, new TextEncoder().encode('pong from libzmq')])
      expect(text(await ours.receive())).toEqual([new TextDecoder().decode(ourId), 'pong from libzmq'])

      if (binder === 'ours') {
        // We close: libzmq announces the disconnect with an empty frame.
        await ours.send([ourId!, EMPTY])
        const [goneId, gone] = await theirs.receive()
        expect(goneId).toEqual(theirId)
        expect(gone).toHaveLength(0)
      } else {
        // libzmq closes: we announce it the same way. libzmq ends the connection only once its socket
        // processes commands, which an idle socket does not: reading ZMQ_EVENTS makes it.
        await theirs.send([theirId!, EMPTY])
        const notice = ours.receive()
        let noticed = false
        void notice.finally(() => {
          noticed = true
        })
        while (!noticed) {
          await theirs.getOption('EVENTS')
          await new Promise((resolve) => setTimeout(resolve, 10))
        }
        const [goneId, gone] = await notice
        expect(goneId).toEqual(ourId)
        expect(gone).toHaveLength(0)
      }
    })
  })

  it('reads a ZMTP peer raw: its greeting arrives as bytes', async () => {
    const ours = z.ours(new Stream(t.options))
    await ours.bind(t.bindTo())
    const dealer = await z.zmq('DEALER')
    await dealer.connect(ours.lastEndpoint!)
    const [id, notice] = await ours.receive()
    expect(notice).toHaveLength(0)
    // libzmq sends the signature (0xFF, 8 octets, 0x7F) first and waits for ours before the rest.
    const [from, signature] = await ours.receive()
    expect(from).toEqual(id)
    expect(signature![0]).toBe(0xff)
    expect(signature![9]).toBe(0x7f)
  })
})
