import { Client, Worker } from '@zmtp/majordomo'
import { brokerOptionsHelp } from '@zmtp/majordomo/cli'
import { tcp } from '@zmtp/transport-tcp'
import { afterEach, describe, expect, it } from 'vitest'
import { type CliProcess, killAll, runToEnd, zmtp } from './cli-process.js'

afterEach(killAll)

/** Waits for the broker's `listening <endpoint>` notes and returns the endpoints. */
async function listening(broker: CliProcess, n = 1): Promise<string[]> {
  await broker.until(() => [...broker.stderr.matchAll(/listening (\S+)/g)].length >= n, `${n} binds`)
  return [...broker.stderr.matchAll(/listening (\S+)/g)].map((m) => m[1]!)
}

describe('zmtp broker wraps zmtp-broker', () => {
  it('routes a Majordomo request from a client to a worker, and exits 130 on SIGINT', async () => {
    const broker = zmtp('broker', '--bind', 'tcp://127.0.0.1:*')
    const [url] = await listening(broker)
    const transports = [tcp()]
    const worker = new Worker(url!, 'upper', { transports })
    void (async () => {
      for await (const request of worker) {
        await request.reply(request.body.map((part) => Buffer.from(part).toString().toUpperCase()))
      }
    })()
    const client = new Client(url!, { transports })
    try {
      const reply = await client.request('upper', 'shout', { timeout: 10_000 })
      expect(reply.map((part) => Buffer.from(part).toString())).toEqual(['SHOUT'])
    } finally {
      client.close()
      worker.close()
    }
    broker.child.kill('SIGINT')
    expect((await broker.exited).code).toBe(130)
  })

  it('takes the options of zmtp-broker: --monitor publishes stats that a zmtp sub prints', async () => {
    const broker = zmtp(
      'broker',
      '--bind',
      'tcp://127.0.0.1:*',
      '--monitor',
      'tcp://127.0.0.1:*',
      '--monitor-interval',
      '50',
    )
    await broker.waitStderr(/monitor (\S+)\n/)
    const monitor = /monitor (\S+)\n/.exec(broker.stderr)![1]!
    const { exit, cli } = await runToEnd(['sub', '--connect', monitor, '--count', '1', '--format', 'json'])
    expect(exit.code).toBe(0)
    const [topic, stats] = JSON.parse(cli.lines[0]!) as [string, string]
    expect(topic).toBe('mdp.stats')
    expect(JSON.parse(stats)).toBeTypeOf('object')
  })

  it('prints the option lines of zmtp-broker itself, so the two cannot drift', async () => {
    const { exit, cli } = await runToEnd(['broker', '--help'])
    expect(exit.code).toBe(0)
    expect(cli.stdout.toString()).toContain(brokerOptionsHelp)
  })

  it('refuses what zmtp-broker refuses, as a usage error (exit 1)', async () => {
    const bad = await runToEnd(['broker', '--bind', 'tcp://127.0.0.1:*', '--max-queue', 'lots'])
    expect(bad.exit.code).toBe(1)
    expect(bad.cli.stderr).toMatch(
      /--max-queue wants a whole number, not 'lots'\n.*fix: see zmtp broker --help/,
    )
    const none = await runToEnd(['broker'])
    expect(none.exit.code).toBe(1)
    expect(none.cli.stderr).toMatch(/at least one --bind is needed/)
    const unknown = await runToEnd(['broker', '--bind', 'tcp://127.0.0.1:*', '--colour'])
    expect(unknown.exit.code).toBe(1)
    expect(unknown.cli.stderr).toMatch(/Unknown option '--colour'/)
  })

  it('exits 2 naming the endpoint when a bind fails', async () => {
    const first = zmtp('broker', '--bind', 'tcp://127.0.0.1:*')
    const [taken] = await listening(first)
    const { exit, cli } = await runToEnd(['broker', '--bind', 'tcp://127.0.0.1:*', '--bind', taken!])
    expect(exit.code).toBe(2)
    expect(cli.stderr).toContain(`cannot bind ${taken}`)
    expect(cli.stderr).toMatch(/fix: .*bind port \* for a free one/)
  })
})
