import { existsSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BuildResult, build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'

// Bundles the built package as a browser app would. Needs `pnpm run build` first (turbo does it in CI).
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const entry = join(packageDir, 'dist', 'index.js')

/**
 * Minified size limit in bytes for every export at once: generous on purpose, to catch an accidental
 * dependency or polyfill. About 36 KiB of it is the CURVE crypto (@noble/curves + @noble/ciphers), which
 * an app that never touches CURVE does not bundle (checked below).
 */
const BUDGET = 80 * 1024

/** The only packages the bundle may contain besides our own dist: core's pinned crypto dependencies. */
const ALLOWED_DEPENDENCIES = /\/node_modules\/@noble\/(curves|ciphers|hashes)\//

/** esbuild options of a browser app's bundle. No `external`: a Node built-in anywhere in the graph fails it. */
const BROWSER = {
  platform: 'browser',
  format: 'esm',
  bundle: true,
  write: false,
  minify: true,
  metafile: true,
  logLevel: 'silent',
} as const

/** Bundles `source` (an ES module importing from dist) as a browser app would; returns the files it kept. */
async function bundledInputs(source: string): Promise<string[]> {
  const built = await build({ ...BROWSER, stdin: { contents: source, resolveDir: packageDir, loader: 'js' } })
  // Every file read is an input; only those that kept code after tree-shaking count.
  const output = Object.values(built.metafile.outputs)[0]!
  return Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path)
}

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

describe('browser bundle of dist/index.js', () => {
  let result: BuildResult<{ write: false; metafile: true }>
  let code: string

  beforeAll(async () => {
    if (!existsSync(entry)) {
      throw new Error('packages/core/dist/index.js is missing: run `pnpm run build` in packages/core first')
    }
    result = await build({ ...BROWSER, entryPoints: [entry] })
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
      const ours = input.startsWith('dist/') || (input.includes('/dist/') && !input.includes('node_modules'))
      expect(ours || ALLOWED_DEPENDENCIES.test(`/${input}`), input).toBe(true)
    }
  })

  it('leaves the CURVE crypto out of an app that does not use CURVE', async () => {
    const inputs = await bundledInputs(
      "export { Engine, encodeMessage, NullMechanism, PlainMechanism } from './dist/index.js'",
    )
    expect(inputs.some((input) => input.endsWith('dist/index.js'))).toBe(true)
    expect(inputs.filter((input) => input.includes('@noble'))).toEqual([])
    const curve = await bundledInputs("export { CurveMechanism } from './dist/index.js'")
    expect(curve.some((input) => input.includes('@noble/ciphers'))).toBe(true)
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
