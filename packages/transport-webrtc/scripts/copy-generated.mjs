// tsc does not emit JavaScript it did not compile: copy the generated protobufjs module beside the build.
import { cpSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
cpSync(join(root, 'src/generated'), join(root, 'dist/generated'), { recursive: true })
