import { CliError } from '../cli-error.js'
import { utf8 } from './bytes.js'
import { FORMAT_NAMES, type Format, type FormatName } from './format.js'
import { base64Format, hexFormat, jsonFormat, quotedFormat, textFormat } from './line-formats.js'
import { rawFormat } from './raw-format.js'

/**
 * Reads a `--delimiter` value: the backslash escapes \t, \n, \r, \\ and \xHH are understood, so that
 * `--delimiter '\t'` works from any shell. The result is the delimiter's UTF-8 octets.
 */
export function parseDelimiter(value: string): Uint8Array {
  const text = value.replace(/\\(x[0-9a-fA-F]{2}|[tnr\\])/g, (_, sequence: string) => {
    if (sequence.startsWith('x')) return String.fromCharCode(Number.parseInt(sequence.slice(1), 16))
    return { t: '\t', n: '\n', r: '\r', '\\': '\\' }[sequence] ?? sequence
  })
  if (text === '')
    throw new CliError(
      'ERR_USAGE',
      'the delimiter is empty',
      'give at least one character, such as --delimiter ,',
    )
  if (text.includes('\n')) {
    throw new CliError(
      'ERR_USAGE',
      'the delimiter contains a newline, which ends messages',
      'pick another delimiter',
    )
  }
  return utf8(text)
}

/** Octets an encoded frame of quoted, hex or base64 may contain, so a delimiter must avoid them. */
const ENCODING_ALPHABET = /[A-Za-z0-9+/=\\]/

/** The format `name` with frames split by `delimiter`; rejects combinations that could not be read back. */
export function createFormat(name: string, delimiter: Uint8Array): Format {
  if (!(FORMAT_NAMES as readonly string[]).includes(name)) {
    throw new CliError('ERR_USAGE', `unknown format '${name}'`, `use one of ${FORMAT_NAMES.join(', ')}`)
  }
  const format = name as FormatName
  if (format !== 'text' && format !== 'json' && format !== 'raw') {
    if (ENCODING_ALPHABET.test(Buffer.from(delimiter).toString('latin1'))) {
      throw new CliError(
        'ERR_USAGE',
        `the delimiter may not contain letters, digits, '+', '/', '=' or '\\' in the ${format} format`,
        'keep the default tab, or use a punctuation mark such as , or |',
      )
    }
  }
  switch (format) {
    case 'text':
      return textFormat(delimiter)
    case 'quoted':
      return quotedFormat(delimiter)
    case 'hex':
      return hexFormat(delimiter)
    case 'base64':
      return base64Format(delimiter)
    case 'json':
      return jsonFormat()
    case 'raw':
      return rawFormat()
  }
}
