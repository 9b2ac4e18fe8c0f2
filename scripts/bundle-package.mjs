// Builds a published package's JavaScript: one bundled file per entry point named in its package.json
// (exports, browser, bin), with the code that entries share in dist/chunk-*.js. Run from the package's
// directory after `tsc --emitDeclarationOnly` has written the type declarations.
//
// Why: Node resolves, reads and links every ES module file on its own, and a package of fifty small
// files cost 150-350 ms to import where the same code in one file took about 60 ms. Each package stays
// its own bundle: imports of other packages (ours included) remain imports, so a process holds one copy
// of @zmtp/core however many of our packages it loads.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const manifest = JSON.parse(readFileSync('package.json', 'utf8'))

/** Every `./dist/….js` path the manifest names, whatever the field or condition. */
function distPaths(value, found = new Set()) {
  if (typeof value === 'string') {
    if (value.startsWith('./dist/') && value.endsWith('.js')) found.add(value)
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      // The object form of `browser` maps one dist file to another: both are entry points.
      distPaths(key, found)
      distPaths(inner, found)
    }
  }
  return found
}

const outputs = distPaths([manifest.exports, manifest.browser, manifest.bin, manifest.main])

/** The source each output is built from: src/X.ts, or src/X.js for generated JavaScript. */
const entryPoints = {}
for (const output of outputs) {
  const name = output.slice('./dist/'.length, -'.js'.length)
  const candidates = [`src/${name}.ts`, `src/${name}.js`]
  const source = candidates.find((file) => statSync(file, { throwIfNoEntry: false }))
  if (!source)
    throw new Error(`${manifest.name}: no source for ${output} (looked for ${candidates.join(', ')})`)
  entryPoints[name] = source
}

/** Removes JavaScript left by earlier builds (the declarations stay). */
function removeJavaScript(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) removeJavaScript(path)
    else if (entry.name.endsWith('.js') || entry.name.endsWith('.js.map')) rmSync(path)
  }
}
if (statSync('dist', { throwIfNoEntry: false })) removeJavaScript('dist')

const result = await build({
  entryPoints,
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  // Browser-safe packages must stay so: no platform shims; node: imports stay as written.
  platform: 'neutral',
  // ES2022 keeps class fields and #private members native (lowering them would cost speed).
  target: 'es2022',
  packages: 'external',
  external: ['node:*'],
  // Chunks sit beside the entry files, so a URL relative to import.meta.url (the CLI reads
  // ../package.json) means the same wherever the bundler put the code.
  chunkNames: 'chunk-[hash]',
  sourcemap: true,
  // No keepNames: its helper calls would keep every class alive in users' bundles (tree shaking); error
  // classes set `name` themselves.
  legalComments: 'none',
  // The package's `sideEffects` field and /* @__PURE__ */ marks apply here as in users' bundlers: a module
  // imported for its side effects must be listed there. A bare `import './x.js'` of an unlisted module is
  // dropped with a warning (below); a module imported for a name left unused is dropped silently.
  logLevel: 'warning',
})

// A warning here has meant a dropped import (a module with side effects missing from `sideEffects`):
// fail the build rather than ship it.
if (result.warnings.length > 0) {
  console.error(`${manifest.name}: esbuild warned (see above); fix the cause, the bundle may be wrong`)
  process.exit(1)
}
