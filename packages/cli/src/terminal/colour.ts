/** ANSI colour, only for a terminal: never in a pipe or a file, never with NO_COLOR set. */

type Stream = { readonly isTTY?: boolean }

/** Whether to colour what goes to `stream`: FORCE_COLOR wins, then NO_COLOR, then whether it is a terminal. */
export function colourFor(stream: Stream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return stream.isTTY === true
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const

/** A painter: `paint('red', text)` wraps text in the colour when colour is on. */
export type Painter = (style: keyof typeof CODES, text: string) => string

/** A {@link Painter} that colours when `enabled`, and leaves text alone otherwise. */
export function painter(enabled: boolean): Painter {
  return (style, text) => (enabled ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text)
}
