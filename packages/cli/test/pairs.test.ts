import { afterEach, describe, expect, it } from 'vitest'
import { type CliProcess, killAll, zmtp } from './cli-process.js'

/** Where each transport binds on an ephemeral port. */
const TRANSPORTS = {
  tcp: 'tcp://127.0.0.1:*',
  ws: 'ws://127.0.0.1:*/cli',
} as const

type Side = 'first' | 'second'

/**
 * Starts two `zmtp` processes: `binds` says which of them binds (on an ephemeral port) and which connects to
 * the address the binder reports.
 */
async function link(
  transport: keyof typeof TRANSPORTS,
  binds: Side,
  first: string[],
  second: string[],
): Promise<[CliProcess, CliProcess]> {
  const [binderArgs, connecterArgs] = binds === 'first' ? [first, second] : [second, first]
  const binder = zmtp(...binderArgs, '--bind', TRANSPORTS[transport])
  const url = await binder.bound()
  const connecter = zmtp(...connecterArgs, '--connect', url)
  return binds === 'first' ? [binder, connecter] : [connecter, binder]
}

afterEach(killAll)

for (const transport of ['tcp', 'ws'] as const) {
  for (const binds of ['first', 'second'] as const) {
    describe(`zmtp against zmtp over ${transport}, the ${binds} one binding`, () => {
      it('push to pull: multipart lines split at the delimiter, in order', async () => {
        const [push, pull] = await link(
          transport,
          binds,
          ['push'],
          ['pull', '--count', '2', '--format', 'json'],
        )
        push.end('a\tb\tc\n\tafter an empty frame\n')
        expect(await pull.exited).toEqual({ code: 0, signal: null })
        expect(pull.lines).toEqual(['["a","b","c"]', '["","after an empty frame"]'])
        expect((await push.exited).code).toBe(0)
      })

      it('pub to sub: what the publisher repeats reaches the subscriber', async () => {
        const [, sub] = await link(
          transport,
          binds,
          ['pub', '--data', 'weather.paris\t21C', '--interval', '20'],
          ['sub', '--subscribe', 'weather.', '--count', '1'],
        )
        expect((await sub.exited).code).toBe(0)
        expect(sub.lines).toEqual(['weather.paris\t21C'])
      })

      it('req to rep --echo: each input line comes back as the reply', async () => {
        const [req, rep] = await link(transport, binds, ['req'], ['rep', '--echo', '--count', '2'])
        req.end('ping\t1\npong\n')
        expect((await req.exited).code).toBe(0)
        expect(req.lines).toEqual(['ping\t1', 'pong'])
        expect((await rep.exited).code).toBe(0)
        expect(rep.lines).toEqual(['ping\t1', 'pong'])
      })

      it('dealer and router: the router sees the routing id and answers through it', async () => {
        const [dealer, router] = await link(
          transport,
          binds,
          ['dealer', '--routing-id', 'd1', '--count', '1'],
          ['router', '--count', '1'],
        )
        dealer.write('hi\tthere\n')
        await router.exited
        expect(router.lines).toEqual(['d1\thi\tthere'])
        // The other way: a router addressing the dealer by its id.
        const [back, routerTwo] = await link(
          transport,
          binds,
          ['dealer', '--routing-id', 'd2', '--count', '1'],
          ['router', '--wait', '--data', 'd2\tback'],
        )
        expect((await back.exited).code).toBe(0)
        expect(back.lines).toEqual(['back'])
        void routerTwo
      })

      it('pair to pair, both ways', async () => {
        const [a, b] = await link(
          transport,
          binds,
          ['pair', '--count', '1', '--wait', '--data', 'from a'],
          ['pair', '--count', '1', '--wait', '--data', 'from b'],
        )
        expect((await a.exited).code).toBe(0)
        expect((await b.exited).code).toBe(0)
        expect(a.lines).toEqual(['from b'])
        expect(b.lines).toEqual(['from a'])
      })

      it('xsub and xpub: the subscription goes up, the data comes down', async () => {
        const [xpub, xsub] = await link(
          transport,
          binds,
          ['xpub', '--format', 'quoted', '--data', 'news\tfirst', '--interval', '20'],
          ['xsub', '--subscribe', 'news', '--count', '1'],
        )
        expect((await xsub.exited).code).toBe(0)
        expect(xsub.lines).toEqual(['news\tfirst'])
        expect((await xpub.waitLines(1))[0]).toBe('\\x01news')
      })
    })
  }
}
