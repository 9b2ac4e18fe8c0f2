import { spawn, spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const packageDir = join(here, '..')
const repoRoot = join(packageDir, '..', '..')

/** One case's outcome as the suite printed it. */
export interface CaseResult {
  name: string
  ok: boolean
  ms: number
  error?: string
}

/** What one runtime's run of the suite reported. */
export interface SuiteRun {
  runtime: string
  results: Map<string, CaseResult>
  done: boolean
  output: string
}

/**
 * The pinned Bun and Deno binaries, installed from npm by scripts/runtimes.mjs if missing. Throws when
 * they cannot be installed: the suite must not pass by leaving a runtime out.
 */
export function installedRuntimes(): { bun: string; deno: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'runtimes.mjs'), '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  if (result.status !== 0) throw new Error(`installing Bun and Deno failed (exit code ${result.status})`)
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!)
}

/** Runs `command args…` with the package as working directory and parses the suite's lines. */
export function runSuite(command: string, args: readonly string[], timeoutMs: number): Promise<SuiteRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', () => {
      clearTimeout(timer)
      const run: SuiteRun = { runtime: '?', results: new Map(), done: false, output }
      for (const line of output.split('\n')) {
        if (line.startsWith('RUNTIME ')) run.runtime = JSON.parse(line.slice(8))
        else if (line.startsWith('RESULT ')) {
          const result = JSON.parse(line.slice(7)) as CaseResult
          run.results.set(result.name, result)
        } else if (line === 'DONE') run.done = true
      }
      resolve(run)
    })
  })
}
