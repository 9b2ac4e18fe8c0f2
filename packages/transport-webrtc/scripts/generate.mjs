// Generates the static protobufjs code for proto/signaling.proto into src/generated (not committed):
// static code needs no reflection at run time, which keeps the browser bundle small.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const proto = join(root, 'proto/signaling.proto')
const outDir = join(root, 'src/generated')
const js = join(outDir, 'signaling.js')
const dts = join(outDir, 'signaling.d.ts')

const fresh = (file) => {
  try {
    return statSync(file).mtimeMs >= statSync(proto).mtimeMs
  } catch {
    return false
  }
}
if (fresh(js) && fresh(dts)) process.exit(0)

const require = createRequire(import.meta.url)
const cli = dirname(require.resolve('protobufjs-cli/package.json'))
mkdirSync(outDir, { recursive: true })
const common = [
  '--no-create',
  '--no-verify',
  '--no-convert',
  '--no-delimited',
  '--no-service',
  '--no-typeurl',
]
execFileSync(
  process.execPath,
  [join(cli, 'bin/pbjs'), '-t', 'static-module', '-w', 'es6', ...common, '-o', js, proto],
  {
    stdio: 'inherit',
  },
)
// protobufjs 8 ships ESM-friendly minimal runtime under this path; Node's ESM needs the extension.
writeFileSync(
  js,
  readFileSync(js, 'utf8').replace(/from "protobufjs\/minimal"/, 'from "protobufjs/minimal.js"'),
)
execFileSync(process.execPath, [join(cli, 'bin/pbts'), '-o', dts, js], { stdio: 'inherit' })
// No field is 64-bit, so the declarations never need the 'long' package that pbts imports.
writeFileSync(dts, readFileSync(dts, 'utf8').replace(/^import Long = require\("long"\);\n/m, ''))
