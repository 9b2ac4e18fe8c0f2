import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

// These tests load the built package the way users do, so they need `pnpm run build` first (turbo does it in
// CI). They run node in a child process so that vitest's own module loader cannot mask a packaging fault.
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  name: string
  main: string
  types: string
  exports: Record<string, string | Record<string, string>>
}

/** What every script below prints: a few exports and a real encoding, as one JSON line. */
const PROBE = `({
  encodeMessage: typeof core.encodeMessage,
  parseHostPort: typeof core.parseHostPort,
  z85Encode: typeof core.z85Encode,
  encoded: Array.from(core.encodeMessage([new TextEncoder().encode('hi'), new Uint8Array(0)])),
  endpoint: core.parseHostPort('tcp://[::1]:5555', '[::1]:5555'),
  z85: core.z85Encode(Uint8Array.of(0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b)),
  errorCode: new core.EndpointError('x', 'y').code,
})`

const EXPECTED = {
  encodeMessage: 'function',
  parseHostPort: 'function',
  z85Encode: 'function',
  // Two frames: 'hi' with MORE (01 02 68 69), then an empty last frame (00 00).
  encoded: [0x01, 0x02, 0x68, 0x69, 0x00, 0x00],
  endpoint: { host: '::1', port: 5555, ipv6: true },
  z85: 'HelloWorld',
  errorCode: 'ERR_INVALID_ENDPOINT',
}

function runNode(args: string[], cwd: string): unknown {
  // Some Node versions flag require() of ESM as experimental; any other warning still fails the test.
  const flags = ['--disable-warning=ExperimentalWarning']
  const result = spawnSync(process.execPath, [...flags, ...args], { cwd, encoding: 'utf8', timeout: 15_000 })
  expect(result.stderr, 'stderr of the child node process').toBe('')
  expect(result.status).toBe(0)
  return JSON.parse(result.stdout)
}

describe('the built package', () => {
  beforeAll(() => {
    if (!existsSync(join(packageDir, 'dist', 'index.js'))) {
      throw new Error('packages/core/dist/index.js is missing: run `pnpm run build` in packages/core first')
    }
  })

  it('has every file that package.json points at', () => {
    const targets = [manifest.main, manifest.types]
    for (const entry of Object.values(manifest.exports)) {
      targets.push(...(typeof entry === 'string' ? [entry] : Object.values(entry)))
    }
    for (const target of targets) expect(existsSync(join(packageDir, target)), target).toBe(true)
  })

  it('exports from dist/index.js every name src/index.ts exports (the bundle drops none)', async () => {
    const source = Object.keys(await import('../src/index.js')).sort()
    expect(source.length).toBeGreaterThan(0)
    const built = runNode(
      [
        '--input-type=module',
        '-e',
        "const m = await import('./dist/index.js'); console.log(JSON.stringify(Object.keys(m).sort()))",
      ],
      packageDir,
    )
    expect(built).toEqual(source)
  })

  it('loads with require() by its own name (CommonJS, Node >= 20.19)', () => {
    const script = `const core = require('${manifest.name}'); console.log(JSON.stringify(${PROBE}))`
    expect(runNode(['-e', script], packageDir)).toEqual(EXPECTED)
  })

  it('loads with require() by directory path from elsewhere', () => {
    const script = `const core = require(${JSON.stringify(packageDir)}); console.log(JSON.stringify(${PROBE}))`
    expect(runNode(['-e', script], dirname(packageDir))).toEqual(EXPECTED)
  })

  it('loads with import by its own name (ESM)', () => {
    const script = `import * as core from '${manifest.name}'; console.log(JSON.stringify(${PROBE}))`
    expect(runNode(['--input-type=module', '-e', script], packageDir)).toEqual(EXPECTED)
  })

  it('gives the same named exports to require() and import', () => {
    const cjs = runNode(
      ['-e', `console.log(JSON.stringify(Object.keys(require('${manifest.name}'))))`],
      packageDir,
    )
    const esm = runNode(
      [
        '--input-type=module',
        '-e',
        `import * as c from '${manifest.name}'; console.log(JSON.stringify(Object.keys(c)))`,
      ],
      packageDir,
    )
    expect(cjs).toEqual(esm)
    expect(cjs).toContain('encodeMessage')
  })
})
