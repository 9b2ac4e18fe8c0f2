// tsc does not emit declarations for JavaScript it did not compile: copy the generated protobufjs
// module's declarations beside the build (the module itself is bundled by scripts/bundle-package.mjs).
import { cpSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
cpSync(join(root, 'src/generated'), join(root, 'dist/generated'), {
  recursive: true,
  filter: (source) => !source.endsWith('.js'),
})
