import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Runs an example as a user would (`node examples/<name>`); it must exit by itself, with status 0. */
async function example(name: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [join('examples', name), ...args], {
    cwd: root,
    timeout: 60_000,
  })
  return stdout
}

describe('the zguide examples run with one command and exit by themselves', () => {
  it('hello-world: five requests, five replies', async () => {
    const out = await example('hello-world.mjs')
    expect(out.match(/client: request \d got World/g)).toHaveLength(5)
  })

  it('weather: averages the updates of one zip code', async () => {
    const out = await example('weather.mjs', '10042')
    expect(out).toMatch(/average temperature for zip code 10042 over 20 updates: -?\d+\.\dF/)
  })

  it('pipeline: every task reaches the sink, shared between the workers', async () => {
    const out = await example('pipeline.mjs', '3')
    expect(out).toMatch(/^30 tasks/)
    const counts = [...out.matchAll(/worker \d done: (\d+) tasks/g)].map((m) => Number(m[1]))
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30)
    expect(counts).toHaveLength(3)
  })

  it('broker: every request of every client is answered through the proxy', async () => {
    const out = await example('broker.mjs')
    const replies = out.trim().split('\n')
    expect(replies).toHaveLength(9)
    for (const reply of replies) expect(reply).toMatch(/^request \d of client \d served by worker [12]$/)
  })
})
