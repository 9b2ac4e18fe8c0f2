import { spawn } from 'node:child_process'
import { CliError } from '../cli-error.js'
import { concat } from '../formats/bytes.js'
import { MessageDecoder } from '../formats/decoder.js'
import type { Format } from '../formats/format.js'
import type { RunContext } from './context.js'

/**
 * Runs `command` in the shell with `request` on its stdin (encoded in `format`) and makes its stdout the
 * reply, read back in `format` after one trailing newline is dropped. Output that the format cannot read
 * becomes a single frame, so the requester always gets an answer; so does a failing command (with a note).
 */
export async function execReply(
  ctx: RunContext,
  command: string,
  request: readonly Uint8Array[],
  format: Format,
): Promise<Uint8Array[]> {
  const output = await run(command, format.encode(request), ctx)
  const body = format.decodeLine && output[output.length - 1] === 0x0a ? output.subarray(0, -1) : output
  try {
    if (format.decodeLine) return format.decodeLine(body)
    const decoder = new MessageDecoder(format, '--exec output')
    const [message] = [...decoder.push(body), ...decoder.end()]
    if (message) return message
  } catch {
    // Falls through to the single frame below.
  }
  ctx.note(`--exec output is not ${format.name} input; replying with it as one frame`)
  return [body]
}

function run(command: string, input: Uint8Array, ctx: RunContext): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'inherit'] })
    const chunks: Uint8Array[] = []
    child.stdout.on('data', (chunk: Uint8Array) => chunks.push(chunk))
    child.on('error', (error) =>
      reject(
        new CliError('ERR_EXEC', `cannot run --exec '${command}': ${error.message}`, 'check the command'),
      ),
    )
    child.on('close', (code, signal) => {
      if (code !== 0) ctx.note(`--exec '${command}' exited with ${signal ?? code}; replying with its output`)
      resolve(concat(chunks))
    })
    // A command that does not read its stdin closes it early: that is not an error.
    child.stdin.on('error', () => {})
    child.stdin.end(input)
  })
}
