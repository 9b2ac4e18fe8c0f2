#!/usr/bin/env node
/**
 * Builds the browser page into dist/page: page/main.ts bundled with everything it imports (the zmtp sockets,
 * the browser ws() transport, protobufjs and the shared schema), and page/index.html copied next to it.
 *
 * esbuild picks @zmtp/transport-ws's browser build through the `browser` export condition, which
 * platform 'browser' enables. It does not typecheck: page/tsconfig.json does that, in the build script.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = join(root, 'dist/page')

mkdirSync(outdir, { recursive: true })
const result = await build({
  absWorkingDir: root,
  entryPoints: [join(root, 'page/main.ts'), join(root, 'page/chat.ts')],
  outdir,
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
})
copyFileSync(join(root, 'page/index.html'), join(outdir, 'index.html'))
copyFileSync(join(root, 'page/chat.html'), join(outdir, 'chat.html'))

const bytes = result.metafile.outputs['dist/page/main.js']?.bytes
console.log(
  `page: dist/page/main.js${bytes ? ` (${(bytes / 1024).toFixed(1)} KiB minified)` : ''}, dist/page/index.html`,
)
