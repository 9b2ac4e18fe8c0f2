import { requireLibzmq } from '@zmtp/test-peers'
import { beforeAll, describe, expect, it } from 'vitest'
import { allCases } from '../src/cases.js'
import { installedRuntimes, runSuite, type SuiteRun } from './run-suite.js'

/**
 * The same script (dist/suite.js) under each runtime, one child process per runtime; each case becomes
 * one test here. Bun and Deno are the pinned versions from scripts/runtimes.mjs.
 */
const libzmq = requireLibzmq() === 'run'
const cases = allCases().filter((entry) => libzmq || !entry.name.startsWith('libzmq'))
const suiteArgs = libzmq ? [] : ['--no-libzmq']
const SUITE_TIMEOUT = 150_000

const runtimes: ReadonlyArray<{ name: string; version?: string; command: () => [string, string[]] }> = [
  { name: 'node', command: () => [process.execPath, ['dist/suite.js', ...suiteArgs]] },
  {
    name: 'bun',
    version: '1.4.4',
    command: () => [installedRuntimes().bun, ['dist/suite.js', ...suiteArgs]],
  },
  {
    name: 'deno',
    version: '2.9.6',
    // -A: sockets, files (ipc) and subprocesses (the libzmq peer). The workspace's node_modules resolves the
    // npm packages; --cached-only makes sure Deno never goes to a registry for them.
    command: () => [
      installedRuntimes().deno,
      ['run', '-A', '--no-lock', '--cached-only', 'dist/suite.js', ...suiteArgs],
    ],
  },
]

describe.each(runtimes)('$name', ({ name, version, command }) => {
  let run: SuiteRun

  beforeAll(async () => {
    const [binary, args] = command()
    run = await runSuite(binary, args, SUITE_TIMEOUT)
  }, SUITE_TIMEOUT + 30_000)

  it('runs the pinned version to the end', () => {
    expect(run.runtime.startsWith(`${name} ${version ?? ''}`), run.output).toBe(true)
    expect(run.done, run.output).toBe(true)
  })

  it.each(cases.map((entry) => entry.name))('%s', (caseName) => {
    const result = run.results.get(caseName)
    expect(result, `no result for "${caseName}"\n${run.output}`).toBeDefined()
    expect(result!.error).toBeUndefined()
    expect(result!.ok).toBe(true)
  })
})
