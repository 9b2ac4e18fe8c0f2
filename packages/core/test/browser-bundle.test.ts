import { existsSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BuildResult, build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'

// Bundles the built package as a browser app would. Needs `pnpm run build` first (turbo does it in CI).
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const entry = join(packageDir, 'dist', 'index.js')

/** Minified size limit in bytes: generous on purpose, to catch an accidental dependency or polyfill. */
const BUDGET = 60 * 1024

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

describe('browser bundle of dist/index.js', () => {
  let result: BuildResult<{ write: false; metafile: true }>
  let code: string

  beforeAll(async () => {
    if (!existsSync(entry)) {
      throw new Error('packages/core/dist/index.js is missing: run `pnpm run build` in packages/core first')
    }
    // No `external`: a Node built-in anywhere in the graph makes esbuild fail for platform 'browser'.
    result = await build({
      entryPoints: [entry],
      platform: 'browser',
      format: 'esm',
      bundle: true,
      write: false,
      minify: true,
      metafile: true,
      logLevel: 'silent',
    })
    code = result.outputFiles[0]!.text
  })

  it('builds without errors or warnings', () => {
    expect(result.errors).toEqual([])
    expect(result.warnings).toEqual([])
    expect(result.outputFiles).toHaveLength(1)
  })

  it('pulls in no Node built-ins and leaves nothing external', () => {
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports)
    for (const { path, external } of imports) {
      expect(external ?? false, path).toBe(false)
      expect(nodeBuiltins.has(path), path).toBe(false)
      expect(path.startsWith('node:'), path).toBe(false)
    }
    for (const input of Object.keys(result.metafile.inputs)) {
      expect(input.startsWith('dist/') || input.includes('/dist/'), input).toBe(true)
    }
  })

  it('contains no require() calls', () => {
    expect(code).not.toMatch(/\brequire\s*\(/)
  })

  it('keeps the public exports', () => {
    for (const name of ['encodeMessage', 'FrameDecoder', 'resolveTransport', 'z85Encode', 'decodeCurveKey']) {
      expect(code, name).toMatch(new RegExp(`\\bas ${name}\\b`))
    }
  })

  it(`stays below ${BUDGET / 1024} KiB minified`, () => {
    expect(code.length).toBeGreaterThan(0)
    expect(new TextEncoder().encode(code).length).toBeLessThan(BUDGET)
  })
})
