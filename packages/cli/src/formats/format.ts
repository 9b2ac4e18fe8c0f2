/** The message formats of stdin and stdout. */

/** The names `--format` takes. */
export const FORMAT_NAMES = ['text', 'quoted', 'hex', 'base64', 'json', 'raw'] as const

/** One of {@link FORMAT_NAMES}. */
export type FormatName = (typeof FORMAT_NAMES)[number]

/**
 * How messages are written as bytes and read back. Line formats put one message on a line, its frames
 * split by the delimiter; `raw` writes length-prefixed binary instead and has no lines.
 */
export interface Format {
  readonly name: FormatName
  /** Encodes one message; a line format's bytes end with a newline. */
  encode(message: readonly Uint8Array[]): Uint8Array
  /**
   * Line formats: decodes one line, given without its newline. Throws {@link FormatError} on input the
   * format cannot read. Absent for `raw`, which the decoder reads by length.
   */
  decodeLine?: (line: Uint8Array) => Uint8Array[]
}

/** Input a format cannot read; the decoder adds where it was. */
export class FormatError extends Error {
  override readonly name = 'FormatError'
  readonly code = 'ERR_BAD_INPUT'
}

/** What each format is for, as `--help` shows it. */
export const FORMAT_SUMMARIES: Readonly<Record<FormatName, string>> = {
  text: 'UTF-8 text as it is (the default); binary input is refused',
  quoted: 'printable ASCII, other octets as \\xHH, \\t, \\n, \\r and \\\\',
  hex: 'each frame in hexadecimal',
  base64: 'each frame in base64',
  json: 'a JSON array per line: frames as strings, or {"base64": "..."} when not UTF-8',
  raw: 'binary: per message a 32-bit frame count, per frame a 32-bit length and the octets (big-endian)',
}
