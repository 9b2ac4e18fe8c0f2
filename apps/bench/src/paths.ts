// Where things are, from the compiled file's location (apps/bench/dist/...).
import { fileURLToPath } from 'node:url'

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url))

/** apps/bench */
export const benchRoot = here('../')
/** The repository root. */
export const repoRoot = here('../../../')
export const workerPath = (name: string) => here(`./peers/${name}.js`)
export const pythonScript = (name: string) => here(`../python/${name}.py`)
export const resultsDir = here('../results/')
export const docsDir = here('../../../docs/')
/** Debian's interpreter, the one python3-zmq installs into, whatever python3 is first on PATH. */
export const PYTHON = '/usr/bin/python3'
