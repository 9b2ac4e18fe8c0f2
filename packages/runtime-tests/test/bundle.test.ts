import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, type Metafile } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { allCases } from '../src/cases.js'
import { packageDir, runSuite } from './run-suite.js'

/**
 * The suite bundled by esbuild into one file for Node (the zmtp packages and `ws` inlined), run from a
 * directory with no node_modules: every pair over tcp, ipc and ws must still work. Worker and libzmq
 * cases load files next to them (a worker script, the Python peer), so they are left out here.
 */
const SCHEMES = ['tcp:', 'ipc:', 'ws:']
const dir = mkdtempSync(join(tmpdir(), 'zmtp-bundle-'))

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('single-file esbuild bundle for Node', () => {
  let metafile: Metafile

  it('bundles with only Node built-ins left as imports', async () => {
    const result = await build({
      entryPoints: [join(packageDir, 'dist', 'suite.js')],
      outfile: join(dir, 'suite.bundle.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      metafile: true,
      logLevel: 'silent',
      // ws is CommonJS and requires Node built-ins; an ES module bundle needs a real `require` for them.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      // ws's optional native speed-ups, loaded in a try/catch when installed.
      external: ['bufferutil', 'utf-8-validate'],
    })
    metafile = result.metafile
    const output = Object.values(metafile.outputs)[0]!
    const leftOver = output.imports.filter((entry) => !entry.path.startsWith('node:') && !entry.external)
    expect(leftOver).toEqual([])
    const inputs = Object.keys(metafile.inputs)
    expect(inputs.some((path) => path.includes('patterns/dist/'))).toBe(true)
    expect(inputs.some((path) => path.includes('ws/lib/'))).toBe(true)
  })

  it('runs every pair over tcp, ipc and ws', async () => {
    const run = await runSuite(process.execPath, [join(dir, 'suite.bundle.mjs'), ...SCHEMES], 60_000)
    const expected = allCases().filter((entry) => SCHEMES.some((prefix) => entry.name.startsWith(prefix)))
    expect(run.done, run.output).toBe(true)
    expect([...run.results.keys()]).toEqual(expected.map((entry) => entry.name))
    const failed = [...run.results.values()].filter((result) => !result.ok)
    expect(failed).toEqual([])
  })
})
