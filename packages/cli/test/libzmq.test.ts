import {
  type LibzmqPeer,
  type LibzmqSocket,
  type LibzmqSocketType,
  requireLibzmq,
  startLibzmq,
} from '@zmtp/test-peers'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type CliProcess, killAll, zmtp } from './cli-process.js'

/** Where each side binds: libzmq 4.3.4 speaks ws:// (not wss://); one path segment, as its client sends. */
const TRANSPORTS = { tcp: 'tcp://127.0.0.1:*', ws: 'ws://127.0.0.1:*/zmq' } as const

const text = (frames: Uint8Array[]) => frames.map((frame) => Buffer.from(frame).toString())

describe.skipIf(requireLibzmq() === 'skip')('zmtp against libzmq (pyzmq)', () => {
  let peer: LibzmqPeer
  beforeAll(async () => {
    peer = await startLibzmq()
  })
  afterAll(async () => {
    await peer?.stop()
  })
  afterEach(killAll)

  for (const transport of ['tcp', 'ws'] as const) {
    for (const binder of ['zmtp', 'libzmq'] as const) {
      /** A libzmq socket of `type` and a `zmtp args...` linked over `transport`, `binder` binding. */
      const link = async (
        type: LibzmqSocketType,
        args: string[],
        routingId?: string,
      ): Promise<[LibzmqSocket, CliProcess]> => {
        const socket = await peer.socket(type)
        if (routingId !== undefined) await socket.setOption('ROUTING_ID', routingId)
        if (binder === 'zmtp') {
          const cli = zmtp(...args, '--bind', TRANSPORTS[transport])
          await socket.connect(await cli.bound())
          return [socket, cli]
        }
        const url = await socket.bind(TRANSPORTS[transport])
        return [socket, zmtp(...args, '--connect', url)]
      }

      describe(`over ${transport}, ${binder} binding`, () => {
        it('zmtp push to a libzmq PULL, multipart', async () => {
          const [pull, push] = await link('PULL', ['push'])
          push.end('job\t42\n')
          expect(text(await pull.receive({ timeout: 10_000 }))).toEqual(['job', '42'])
          expect((await push.exited).code).toBe(0)
          await pull.close()
        })

        it('a libzmq PUSH to zmtp pull', async () => {
          const [push, pull] = await link('PUSH', ['pull', '--count', '1', '--format', 'hex'])
          await push.send(['topic', new Uint8Array([0, 255])], { timeout: 10_000 })
          expect((await pull.exited).code).toBe(0)
          expect(pull.lines).toEqual(['746f706963\t00ff'])
          await push.close()
        })

        it('zmtp req to a libzmq REP', async () => {
          const [rep, req] = await link('REP', ['req'])
          req.end('ping\n')
          expect(text(await rep.receive({ timeout: 10_000 }))).toEqual(['ping'])
          await rep.send(['pong', 'two'])
          expect((await req.exited).code).toBe(0)
          expect(req.lines).toEqual(['pong\ttwo'])
          await rep.close()
        })

        it('a libzmq REQ to zmtp rep --exec', async () => {
          const [req, rep] = await link('REQ', ['rep', '--exec', 'tr a-z A-Z', '--count', '1'])
          await req.send(['hello', 'world'], { timeout: 10_000 })
          expect(text(await req.receive({ timeout: 10_000 }))).toEqual(['HELLO', 'WORLD'])
          expect((await rep.exited).code).toBe(0)
          await req.close()
        })

        it('a libzmq PUB to zmtp sub, filtered', async () => {
          const [pub, sub] = await link('PUB', ['sub', '--subscribe', 'a.', '--count', '1'])
          // Publish until the subscription has arrived and the subscriber has what it asked for.
          let done = false
          void sub.exited.then(() => (done = true))
          while (!done) {
            await pub.send(['b.skip', 'no'])
            await pub.send(['a.keep', 'yes'])
            await Promise.race([sub.exited, new Promise((resolve) => setImmediate(resolve))])
          }
          expect(sub.lines).toEqual(['a.keep\tyes'])
          await pub.close()
        })

        it('zmtp pub to a libzmq SUB', async () => {
          const [sub, pub] = await link('SUB', ['pub', '--data', 'news\tfresh', '--interval', '20'])
          await sub.setOption('SUBSCRIBE', 'news')
          expect(text(await sub.receive({ timeout: 10_000 }))).toEqual(['news', 'fresh'])
          pub.child.kill('SIGINT')
          expect((await pub.exited).code).toBe(130)
          await sub.close()
        })

        it('a libzmq DEALER and zmtp router, both ways', async () => {
          const [dealer, router] = await link('DEALER', ['router'], 'lib')
          await dealer.send(['hi'], { timeout: 10_000 })
          await router.waitLines(1)
          expect(router.lines).toEqual(['lib\thi'])
          router.write('lib\tback\n')
          expect(text(await dealer.receive({ timeout: 10_000 }))).toEqual(['back'])
          router.child.kill('SIGINT')
          expect((await router.exited).code).toBe(130)
          await dealer.close()
        })

        it('zmtp dealer and a libzmq ROUTER, both ways', async () => {
          const [router, dealer] = await link('ROUTER', ['dealer', '--routing-id', 'cli', '--count', '1'])
          dealer.write('job\t7\n')
          expect(text(await router.receive({ timeout: 10_000 }))).toEqual(['cli', 'job', '7'])
          await router.send(['cli', 'done'])
          expect((await dealer.exited).code).toBe(0)
          expect(dealer.lines).toEqual(['done'])
          await router.close()
        })

        it('a libzmq XSUB subscribes to zmtp xpub, which prints the subscription', async () => {
          const [xsub, xpub] = await link('XSUB', [
            'xpub',
            '--format',
            'quoted',
            '--data',
            'news\tfirst',
            '--interval',
            '20',
          ])
          await xsub.send([new Uint8Array([1, ...Buffer.from('news')])])
          expect(text(await xsub.receive({ timeout: 10_000 }))).toEqual(['news', 'first'])
          expect((await xpub.waitLines(1))[0]).toBe('\\x01news')
          xpub.child.kill('SIGINT')
          expect((await xpub.exited).code).toBe(130)
          await xsub.close()
        })

        it('zmtp xsub subscribes to a libzmq XPUB', async () => {
          const [xpub, xsub] = await link('XPUB', ['xsub', '--subscribe', 'news', '--count', '1'])
          expect(text(await xpub.receive({ timeout: 10_000 }))).toEqual(['\x01news'])
          await xpub.send(['sport', 'skipped'])
          await xpub.send(['news', 'kept'])
          expect((await xsub.exited).code).toBe(0)
          expect(xsub.lines).toEqual(['news\tkept'])
          await xpub.close()
        })

        it('a libzmq PAIR and zmtp pair, both ways', async () => {
          const [pair, cli] = await link('PAIR', ['pair', '--count', '1', '--wait', '--data', 'from zmtp'])
          expect(text(await pair.receive({ timeout: 10_000 }))).toEqual(['from zmtp'])
          await pair.send(['from libzmq'])
          expect((await cli.exited).code).toBe(0)
          expect(cli.lines).toEqual(['from libzmq'])
          await pair.close()
        })
      })
    }
  }
})
