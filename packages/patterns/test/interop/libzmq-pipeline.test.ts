/**
 * Push–Pull and Pair–Pair against real libzmq over every transport both speak, in both roles and both
 * binding directions; multipart messages with empty frames, a 1 MiB frame, and a 16 MiB message each way.
 */
import { requireLibzmq } from '@zmtp/test-peers'
import { describe, expect, it } from 'vitest'
import { Pair, Pull, Push } from '../../src/index.js'
import { text } from '../helpers.js'
import { byName } from '../transport-cases.js'
import { bigThenMany, bytes, crosses, expected, MiB, MULTIPART, pattern, sameBytes } from './frames.js'
import { BINDERS, LIBZMQ_TRANSPORTS, libzmqSuite } from './libzmq-setup.js'

/** Messages whose frames are all, or partly, empty. */
const EDGE_CASES: (string | Uint8Array)[][] = [
  [''],
  ['', ''],
  ['', '', '', 'x'],
  ['x', '', '', ''],
  MULTIPART,
  Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? '' : `${i}`)),
]

const BIG = 16 * MiB

describe.skipIf(requireLibzmq() === 'skip').each(byName(LIBZMQ_TRANSPORTS))(
  'pipeline and pair sockets with libzmq over %s',
  (_, t) => {
    const z = libzmqSuite()
    const opts = t.options

    describe.each(BINDERS)('%s side binding', (binder) => {
      it('our Push to a libzmq PULL: multipart messages and a 1 MiB frame', async () => {
        const push = z.ours(new Push(opts))
        const pull = await z.zmq('PULL')
        await z.join(push, pull, binder, t.bindTo())
        await bigThenMany(push, pull, pattern(MiB, 1))
      })

      it('a libzmq PUSH to our Pull: multipart messages and a 1 MiB frame', async () => {
        const pull = z.ours(new Pull(opts))
        const push = await z.zmq('PUSH')
        await z.join(pull, push, binder, t.bindTo())
        await bigThenMany(push, pull, pattern(MiB, 2))
      })

      it('our Pair with a libzmq PAIR, both ways', async () => {
        const ours = z.ours(new Pair(opts))
        const theirs = await z.zmq('PAIR')
        await z.join(ours, theirs, binder, t.bindTo())
        for (let i = 0; i < 3; i++) {
          await crosses(ours, theirs, [`to libzmq ${i}`, ...MULTIPART])
          await crosses(theirs, ours, [`to ours ${i}`, ...MULTIPART])
        }
      })
    })

    it('messages of empty frames cross both ways unchanged', async () => {
      const push = z.ours(new Push(opts))
      const theirPull = await z.zmq('PULL')
      await z.join(push, theirPull, 'libzmq', t.bindTo())
      for (const message of EDGE_CASES) await push.send(message)
      for (const message of EDGE_CASES) expect(bytes(await theirPull.receive())).toEqual(expected(message))

      const pull = z.ours(new Pull(opts))
      const theirPush = await z.zmq('PUSH')
      await z.join(pull, theirPush, 'ours', t.bindTo())
      for (const message of EDGE_CASES) await theirPush.send(message)
      for (const message of EDGE_CASES) expect(bytes(await pull.receive())).toEqual(expected(message))
    })

    it('a 16 MiB message crosses both ways', async () => {
      const push = z.ours(new Push(opts))
      const theirPull = await z.zmq('PULL')
      await z.join(push, theirPull, 'libzmq', t.bindTo())
      const out = pattern(BIG, 1)
      await push.send(['big', out, ''])
      const [tag, body, trailer] = await theirPull.receive({ timeout: 20_000 })
      expect(text([tag!, trailer!])).toEqual(['big', ''])
      expect(body!.length).toBe(BIG)
      expect(sameBytes(body!, out)).toBe(true)

      const pull = z.ours(new Pull(opts))
      const theirPush = await z.zmq('PUSH')
      await z.join(pull, theirPush, 'ours', t.bindTo())
      const back = pattern(BIG, 2)
      await theirPush.send(['big', back, ''], { timeout: 20_000 })
      const [tag2, body2, trailer2] = await pull.receive()
      expect(text([tag2!, trailer2!])).toEqual(['big', ''])
      expect(body2!.length).toBe(BIG)
      expect(sameBytes(body2!, back)).toBe(true)
    })
  },
)
