import { CliError } from '../cli-error.js'
import { MessageDecoder } from '../formats/decoder.js'
import type { Format } from '../formats/format.js'

/** Messages read from `stream` (stdin) in `format`, one at a time, so a slow socket slows the reading. */
export async function* readMessages(
  stream: AsyncIterable<Uint8Array | string>,
  format: Format,
): AsyncGenerator<Uint8Array[]> {
  const decoder = new MessageDecoder(format)
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    yield* decoder.push(bytes)
  }
  yield* decoder.end()
}

/**
 * The message given with `--data`, read as one line of `format`. `raw` has no lines, so it cannot be
 * given there.
 */
export function dataMessage(data: string, format: Format): Uint8Array[] {
  if (!format.decodeLine) {
    throw new CliError(
      'ERR_USAGE',
      '--data cannot be given in the raw format',
      'pipe raw messages to stdin instead',
    )
  }
  const decoder = new MessageDecoder(format, '--data')
  const messages = [...decoder.push(Buffer.from(data)), ...decoder.end()]
  if (messages.length !== 1) {
    throw new CliError(
      'ERR_USAGE',
      '--data holds more than one line',
      'give one message, or pipe several to stdin',
    )
  }
  return messages[0]!
}
