import { Dealer, Router } from '@zmtp/patterns'
import type { Command } from 'commander'
import { CliError } from '../cli-error.js'
import { utf8 } from '../formats/bytes.js'
import { duration, integer } from '../parse-values.js'
import type { RunContext } from '../run/context.js'
import { endpointError } from '../run/endpoint-errors.js'
import { socketOptions as optionsFor } from '../run/open-socket.js'
import { ProgressBar } from '../terminal/progress.js'
import { examples } from './common-options.js'
import type { TaskSink } from './task.js'

interface BenchFlags {
  bind?: string
  connect?: string
  transport: string
  size: number
  count: number
  rounds: number
  timeout: number
  json?: boolean
}

/** What one bench run measured. */
export interface BenchResult {
  endpoint: string
  size: number
  rounds: number
  latencyMedianMicros: number
  latencyP99Micros: number
  messages: number
  messagesPerSecond: number
  mebibytesPerSecond: number
}

const LOOPBACK: Readonly<Record<string, string>> = {
  tcp: 'tcp://127.0.0.1:*',
  ws: 'ws://127.0.0.1:*/bench',
  ipc: `ipc://${process.platform === 'win32' ? '' : '/tmp/'}zmtp-bench-${process.pid}.sock`,
}

/** Registers `zmtp bench`: a quick latency and throughput check between two endpoints. */
export function registerBench(program: Command, sink: TaskSink): void {
  const command = program
    .command('bench')
    .summary('measure round-trip latency and throughput to an echoing peer')
    .description(
      'Measures a link. `zmtp bench --bind URL` serves: a ROUTER that echoes every message. ' +
        '`zmtp bench --connect URL` measures against it: --rounds round trips one at a time (latency), then ' +
        '--count messages pipelined and echoed back (throughput, counted one way). With neither, both ends run ' +
        'in this process over the loopback --transport. A progress bar shows on a terminal.',
    )
    .option('-b, --bind <url>', 'serve: echo every message received on URL')
    .option('-c, --connect <url>', 'measure against the echo server at URL')
    .option('--transport <name>', `with neither: loopback over ${Object.keys(LOOPBACK).join(', ')}`, 'tcp')
    .option('-s, --size <bytes>', 'message size', integer(0), 64)
    .option('-n, --count <n>', 'messages for the throughput run', integer(1), 20_000)
    .option('-r, --rounds <n>', 'round trips for the latency run', integer(1), 1_000)
    .option(
      '-t, --timeout <duration>',
      'give up (exit 3) when the peer is silent this long',
      duration(),
      10_000,
    )
    .option('-j, --json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples([
        'zmtp bench',
        'zmtp bench --transport ws --size 1024',
        'zmtp bench --bind tcp://*:5590        # on one machine',
        'zmtp bench --connect tcp://server:5590  # on the other',
      ]),
    )
  command.action((flags: BenchFlags) => sink((ctx) => runBench(ctx, flags)))
}

async function runBench(ctx: RunContext, flags: BenchFlags): Promise<number> {
  if (flags.bind !== undefined && flags.connect !== undefined) {
    throw new CliError(
      'ERR_USAGE',
      'give --bind or --connect, not both',
      'run the server and the client apart',
    )
  }
  let endpoint = flags.connect
  if (endpoint === undefined) {
    const bind = flags.bind ?? LOOPBACK[flags.transport]
    if (bind === undefined) {
      throw new CliError(
        'ERR_USAGE',
        `unknown transport '${flags.transport}'`,
        `use ${Object.keys(LOOPBACK).join(', ')}`,
      )
    }
    endpoint = await serveEcho(ctx, bind, flags.bind !== undefined)
    if (flags.bind !== undefined) return ctx.stopped
  }
  const result = await measure(ctx, endpoint, flags)
  const text = flags.json
    ? JSON.stringify(result)
    : [
        `endpoint    ${result.endpoint}`,
        `size        ${result.size} B`,
        `latency     ${result.rounds} round trips: median ${result.latencyMedianMicros} µs, p99 ${result.latencyP99Micros} µs`,
        `throughput  ${result.messages} messages: ${result.messagesPerSecond} msg/s, ${result.mebibytesPerSecond} MiB/s`,
      ].join('\n')
  await ctx.stdout.write(utf8(`${text}\n`))
  return 0
}

/** Binds an echoing Router on `endpoint`; resolves with the address it got. */
async function serveEcho(ctx: RunContext, endpoint: string, announce: boolean): Promise<string> {
  const router = ctx.track(new Router({ ...optionsFor({}), sendHighWaterMark: 0, receiveHighWaterMark: 0 }))
  try {
    await router.bind(endpoint)
  } catch (error) {
    throw endpointError(error, endpoint, 'bind')
  }
  void (async () => {
    for await (const message of router) await router.send(message)
  })().catch(() => {})
  const actual = router.lastEndpoint ?? endpoint
  if (announce) ctx.note(`bench echoing on ${actual}`)
  return actual
}

async function measure(ctx: RunContext, endpoint: string, flags: BenchFlags): Promise<BenchResult> {
  const dealer = ctx.track(
    new Dealer({ ...optionsFor({}), receiveTimeout: flags.timeout, sendTimeout: flags.timeout }),
  )
  dealer.connect(endpoint)
  const payload = new Uint8Array(flags.size).fill(0x61)
  const timed = async <T>(work: Promise<T>): Promise<T> =>
    work.catch((error: unknown) => {
      if ((error as { code?: string }).code === 'EAGAIN')
        throw ctx.timeout(`no echo from ${endpoint}`, flags.timeout)
      throw error
    })

  const latencies: number[] = []
  const latencyBar = new ProgressBar(ctx.streams.stderr, 'latency   ', flags.rounds)
  for (let i = 0; i < flags.rounds; i++) {
    const start = process.hrtime.bigint()
    await timed(dealer.send(payload))
    await timed(dealer.receive())
    latencies.push(Number(process.hrtime.bigint() - start) / 1000)
    latencyBar.update(i + 1)
  }
  latencyBar.finish()
  latencies.sort((a, b) => a - b)

  const throughputBar = new ProgressBar(ctx.streams.stderr, 'throughput', flags.count)
  const start = process.hrtime.bigint()
  const sending = (async () => {
    for (let i = 0; i < flags.count; i++) await timed(dealer.send(payload))
  })()
  for (let i = 0; i < flags.count; i++) {
    await timed(dealer.receive())
    throughputBar.update(i + 1)
  }
  await sending
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  throughputBar.finish()
  return {
    endpoint,
    size: flags.size,
    rounds: flags.rounds,
    latencyMedianMicros: Math.round(latencies[Math.floor(latencies.length / 2)]!),
    latencyP99Micros: Math.round(
      latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]!,
    ),
    messages: flags.count,
    messagesPerSecond: Math.round(flags.count / seconds),
    mebibytesPerSecond: Math.round(((flags.count * flags.size) / seconds / 1048576) * 10) / 10,
  }
}
