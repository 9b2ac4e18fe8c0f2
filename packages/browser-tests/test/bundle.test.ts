/**
 * The bundle's build (scripts/bundle.mjs): its size against the budget of package.json, and the build
 * failing when the budget is exceeded. Runs without a browser.
 */

import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const script = here('../scripts/bundle.mjs')
const run = promisify(execFile)

describe('the browser bundle (patterns without security + ws)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'zmtp-bundle-'))
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it("fits the budget of package.json, measured min+gzip (level 9), without any of CURVE's crypto", () => {
    const pkg = JSON.parse(readFileSync(here('../package.json'), 'utf8'))
    const size = JSON.parse(readFileSync(here('../dist/size.json'), 'utf8'))
    const budget = pkg.zmtp.bundleBudget.gzipBytes
    expect(size).toMatchObject({
      file: 'dist/zmtp.browser.js',
      budgetGzipBytes: budget,
      withinBudget: true,
      cryptoInputs: 0,
    })
    expect(size.gzipBytes).toBeLessThanOrEqual(budget)
    expect(size.gzipBytes).toBeLessThan(size.minBytes)
    expect(readFileSync(here('../dist/zmtp.browser.js')).length).toBe(size.minBytes)
  })

  it('is a self-contained ES module: no import, require or node: specifier left', () => {
    const code = readFileSync(here('../dist/zmtp.browser.js'), 'utf8')
    expect(code).not.toMatch(/\brequire\s*\(/)
    expect(code).not.toMatch(/["'`]node:/)
    expect(code).not.toMatch(/\bimport\s*\(/)
    expect(code).toMatch(/\bexport\s*\{/)
  })

  it('fails the build, with the sizes in the message, when the bundle exceeds the budget', async () => {
    const failed = await run(process.execPath, [script, '--budget', '1000', '--outdir', scratch]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    )
    expect(failed?.code).toBe(1)
    expect(failed?.stderr).toMatch(/budget 1000 B/)
    expect(failed?.stderr).toMatch(/OVER BUDGET by \d+ B/)
  })
})

describe('the secure browser bundle (patterns + @zmtp/patterns/security + ws)', () => {
  it('fits its own budget of package.json, and carries the @noble crypto CURVE needs', () => {
    const pkg = JSON.parse(readFileSync(here('../package.json'), 'utf8'))
    const size = JSON.parse(readFileSync(here('../dist/size-secure.json'), 'utf8'))
    const plain = JSON.parse(readFileSync(here('../dist/size.json'), 'utf8'))
    const budget = pkg.zmtp.secureBundleBudget.gzipBytes
    expect(size).toMatchObject({ file: 'dist/zmtp.secure.js', budgetGzipBytes: budget, withinBudget: true })
    expect(size.gzipBytes).toBeLessThanOrEqual(budget)
    expect(size.cryptoInputs).toBeGreaterThan(0)
    expect(size.gzipBytes).toBeGreaterThan(plain.gzipBytes)
    const code = readFileSync(here('../dist/zmtp.secure.js'), 'utf8')
    expect(code.length).toBe(size.minBytes)
    expect(code).not.toMatch(/\brequire\s*\(/)
    expect(code).not.toMatch(/\bimport\s*\(/)
  })
})

describe('@zmtp/patterns bundled for Node', () => {
  it('keeps the registration of PLAIN and CURVE: the default entry is listed in sideEffects', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'zmtp-bundle-node-'))
    try {
      const outfile = join(scratch, 'node-app.mjs')
      await build({
        stdin: {
          contents: [
            "import { curveKeyPair, Dealer } from '@zmtp/patterns'",
            'const server = curveKeyPair()',
            'const client = curveKeyPair()',
            "new Dealer({ plainUsername: 'user', plainPassword: 'secret' }).close()",
            'new Dealer({ curveServerKey: server.publicKey, curvePublicKey: client.publicKey, curveSecretKey: client.secretKey }).close()',
            "console.log('PLAIN and CURVE sockets made')",
          ].join('\n'),
          resolveDir: here('..'),
          sourcefile: 'node-app.mjs',
        },
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        logLevel: 'silent',
      })
      const { stdout } = await run(process.execPath, [outfile])
      expect(stdout.trim()).toBe('PLAIN and CURVE sockets made')
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  })
})

describe('the WebRTC browser bundle (patterns + transport-webrtc with its signaling client + ws)', () => {
  it('fits its own budget of package.json, and nothing from Node (node-datachannel) got in', () => {
    const pkg = JSON.parse(readFileSync(here('../package.json'), 'utf8'))
    const size = JSON.parse(readFileSync(here('../dist/size-webrtc.json'), 'utf8'))
    const budget = pkg.zmtp.webrtcBundleBudget.gzipBytes
    expect(size).toMatchObject({
      file: 'dist/zmtp.webrtc.js',
      budgetGzipBytes: budget,
      withinBudget: true,
      cryptoInputs: 0,
    })
    expect(size.gzipBytes).toBeLessThanOrEqual(budget)
    const code = readFileSync(here('../dist/zmtp.webrtc.js'), 'utf8')
    expect(code.length).toBe(size.minBytes)
    expect(code).not.toMatch(/\brequire\s*\(/)
    expect(code).not.toMatch(/\bimport\s*\(/)
    expect(code).not.toMatch(/node-datachannel/)
  })

  it('fails the build when it exceeds the budget', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'zmtp-bundle-webrtc-'))
    const failed = await run(process.execPath, [
      script,
      '--entry',
      'webrtc',
      '--budget',
      '1000',
      '--outdir',
      scratch,
    ])
      .then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      )
      .finally(() => rmSync(scratch, { recursive: true, force: true }))
    expect(failed?.code).toBe(1)
    expect(failed?.stderr).toMatch(/zmtp\.webrtc\.js.*OVER BUDGET|OVER BUDGET[\s\S]*webrtcBundleBudget/)
  })
})
