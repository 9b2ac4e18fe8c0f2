import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

it('zmtp-signal serves on the endpoints given, prints them, and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, [
    cli,
    '--bind',
    'tcp://127.0.0.1:*',
    '--bind',
    'ws://127.0.0.1:*/signal',
  ])
  let output = ''
  child.stdout.setEncoding('utf8')
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk
      if (output.includes('\n')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`exited early with ${code}`)))
  })
  expect(output).toMatch(
    /^zmtp-signal serving on tcp:\/\/127\.0\.0\.1:\d+ ws:\/\/127\.0\.0\.1:\d+\/signal\n$/,
  )
  child.kill('SIGTERM')
  const [code] = await once(child, 'exit')
  expect(code).toBe(0)
})

it('zmtp-signal without --bind prints its usage and exits 2', async () => {
  const child = spawn(process.execPath, [cli], { stdio: ['ignore', 'ignore', 'pipe'] })
  let errors = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => (errors += chunk))
  const [code] = await once(child, 'exit')
  expect(code).toBe(2)
  expect(errors).toMatch(/usage: zmtp-signal --bind/)
})
