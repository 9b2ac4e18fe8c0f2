#!/usr/bin/env node
/**
 * Builds the browser bundle (src/browser-entry.ts: @zmtp/patterns without security + the browser `ws()`)
 * the way an application's bundler would: esbuild, platform browser, the `browser` export condition,
 * minified ESM. Fails when anything from Node got in, when the min+gzip size exceeds
 * `zmtp.bundleBudget.gzipBytes` of this package's package.json, or when the bundle's security does not
 * match the entry's (CURVE's @noble crypto must be absent without `@zmtp/patterns/security`, present with it).
 *
 * Writes dist/zmtp.browser.js, dist/index.html (the test page) and dist/size.json.
 * With `--entry secure`: src/secure-entry.ts (the same + `import '@zmtp/patterns/security'` and the CURVE
 * key helpers) into dist/zmtp.secure.js, dist/secure.html and dist/size-secure.json, against
 * `zmtp.secureBundleBudget.gzipBytes`.
 * With `--entry webrtc`: src/webrtc-entry.ts (patterns + the browser `webrtc()` and its signaling client +
 * `ws()`) into dist/zmtp.webrtc.js, dist/webrtc.html and dist/size-webrtc.json, against
 * `zmtp.webrtcBundleBudget.gzipBytes`.
 * With `--entry majordomo`: src/majordomo-entry.ts (the Majordomo client and worker + `ws()`) into
 * dist/zmtp.majordomo.js, dist/majordomo.html and dist/size-majordomo.json, against
 * `zmtp.majordomoBundleBudget.gzipBytes`; Titanic's SQLite store (better-sqlite3) must not get in.
 *
 * Options (for checking the script itself; the package build passes only --entry):
 *   --entry <name>    `browser` (default), `secure`, `webrtc` or `majordomo`
 *   --budget <bytes>  use this budget instead of package.json's
 *   --outdir <dir>    write somewhere other than dist/
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({
  options: { budget: { type: 'string' }, outdir: { type: 'string' }, entry: { type: 'string' } },
})
const entries = {
  browser: {
    source: 'browser-entry.ts',
    bundle: 'zmtp.browser.js',
    page: 'index.html',
    size: 'size.json',
    budgetKey: 'bundleBudget',
    crypto: false,
  },
  secure: {
    source: 'secure-entry.ts',
    bundle: 'zmtp.secure.js',
    page: 'secure.html',
    size: 'size-secure.json',
    budgetKey: 'secureBundleBudget',
    crypto: true,
  },
  webrtc: {
    source: 'webrtc-entry.ts',
    bundle: 'zmtp.webrtc.js',
    page: 'webrtc.html',
    size: 'size-webrtc.json',
    budgetKey: 'webrtcBundleBudget',
    crypto: false,
  },
  majordomo: {
    source: 'majordomo-entry.ts',
    bundle: 'zmtp.majordomo.js',
    page: 'majordomo.html',
    size: 'size-majordomo.json',
    budgetKey: 'majordomoBundleBudget',
    crypto: false,
  },
}
const entry = entries[/** @type {keyof typeof entries} */ (args.entry ?? 'browser')]
if (!entry) fail(`unknown --entry ${args.entry}: browser, secure, webrtc or majordomo`)
const outdir = resolve(root, args.outdir ?? 'dist')
const bundleFile = join(outdir, entry.bundle)

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`bundle: ${message}`)
  process.exit(1)
}

function readBudget() {
  if (args.budget !== undefined) return Number(args.budget)
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  return pkg.zmtp?.[entry.budgetKey]?.gzipBytes
}

const budget = readBudget()
if (!Number.isInteger(budget) || budget <= 0) {
  fail(
    `no valid budget: set "zmtp": { "${entry.budgetKey}": { "gzipBytes": <positive integer> } } in package.json`,
  )
}

const result = await build({
  entryPoints: [join(root, 'src', entry.source)],
  outfile: bundleFile,
  bundle: true,
  platform: 'browser',
  conditions: ['browser'],
  format: 'esm',
  target: 'es2022',
  minify: true,
  metafile: true,
  write: false,
  logLevel: 'silent',
}).catch((/** @type {import('esbuild').BuildFailure} */ error) => {
  // platform 'browser' refuses `node:*` and Node built-ins: esbuild's messages name the importer.
  const messages = (error.errors ?? []).map((e) => {
    const where = e.location ? `${e.location.file}:${e.location.line}: ` : ''
    return `  ${where}${e.text}`
  })
  return fail(
    `esbuild failed (a Node module in the browser graph?):\n${messages.join('\n') || error.message}`,
  )
})

const code = result.outputFiles[0].text

// Belt and braces: nothing from Node, and nothing left unbundled.
const inputs = Object.keys(result.metafile.inputs)
const nodeOnlyInputs = inputs.filter(
  (input) =>
    input.startsWith('node:') ||
    /(^|\/)node_modules\/(ws|@types\/node|node-datachannel|better-sqlite3)\//.test(input) ||
    /transport-(ws|webrtc)\/(dist|src)\/(node\/|index\.[jt]s$)/.test(input) ||
    /majordomo\/(dist|src)\/(sqlite|cli)\//.test(input) ||
    /transport-tcp\//.test(input),
)
if (nodeOnlyInputs.length > 0) {
  fail(
    `Node-only modules were bundled (is the browser condition honoured?):\n  ${nodeOnlyInputs.join('\n  ')}`,
  )
}
// CURVE's crypto comes in only with `import '@zmtp/patterns/security'`: a bundle without it that still
// carries @noble means something imports the mechanisms again, and the opt-in is lost.
// The inputs that contribute bytes (the metafile's `inputs` also lists modules tree shaking dropped).
const contributing = Object.values(result.metafile.outputs).flatMap((output) =>
  Object.entries(output.inputs)
    .filter(([, use]) => use.bytesInOutput > 0)
    .map(([input]) => input),
)
const cryptoInputs = contributing.filter((input) =>
  /(^|\/)node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?@noble\//.test(input),
)
if (cryptoInputs.length > 0 !== entry.crypto) {
  fail(
    entry.crypto
      ? 'the bundle has no @noble crypto although its entry imports @zmtp/patterns/security'
      : `CURVE's crypto was bundled without @zmtp/patterns/security:\n  ${cryptoInputs.join('\n  ')}`,
  )
}
/** @type {[RegExp, string][]} */
const forbidden = [
  [/\brequire\s*\(/, 'a require() call'],
  [/["'`]node:/, 'a node: specifier'],
  [/\bimport\s*\(/, 'a dynamic import()'],
  // At a statement's start only: an error message may well say "import '@zmtp/patterns/security'".
  [/(^|[;}\n])import\s*["'{*\w]/, 'an import statement'],
]
for (const [pattern, what] of forbidden) {
  const match = pattern.exec(code)
  if (match) {
    const at = match.index
    fail(`the bundle contains ${what}: …${code.slice(Math.max(0, at - 60), at + 60)}…`)
  }
}

const minBytes = Buffer.byteLength(code)
const gzipBytes = gzipSync(code, { level: 9 }).length
const size = {
  file: relative(root, bundleFile),
  minBytes,
  gzipBytes,
  budgetGzipBytes: budget,
  withinBudget: gzipBytes <= budget,
  inputs: inputs.length,
  cryptoInputs: cryptoInputs.length,
}

mkdirSync(outdir, { recursive: true })
writeFileSync(bundleFile, code)
writeFileSync(join(outdir, entry.size), `${JSON.stringify(size, null, 2)}\n`)
writeFileSync(
  join(outdir, entry.page),
  '<!doctype html>\n<meta charset="utf-8">\n<title>zmtp browser tests</title>\n' +
    `<script type="module" src="./${entry.bundle}"></script>\n`,
)

const kib = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KiB`
const summary = `${size.file}: ${minBytes} B minified, ${gzipBytes} B (${kib(gzipBytes)}) min+gzip; budget ${budget} B (${kib(budget)})`
if (!size.withinBudget) {
  fail(
    `${summary}\nOVER BUDGET by ${gzipBytes - budget} B: shrink the bundle or raise zmtp.${entry.budgetKey}.gzipBytes`,
  )
}
console.log(`${summary}, ${Math.round((gzipBytes / budget) * 100)}% used`)
