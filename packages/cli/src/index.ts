/**
 * @zmtp/cli: the `zmtp` command. The bin is `dist/bin.js`; this entry lets a program run the command line
 * in-process and reuse the message formats.
 *
 * @packageDocumentation
 */

export { CliError, type CliErrorCode } from './cli-error.js'
export { ExitCode, type ExitCodeValue } from './exit-codes.js'
export { createFormat, parseDelimiter } from './formats/create-format.js'
export { MessageDecoder } from './formats/decoder.js'
export { FORMAT_NAMES, type Format, FormatError, type FormatName } from './formats/format.js'
export { type RunResult, run } from './main.js'
export type { Streams } from './run/context.js'
export { type Role, SOCKET_TYPES, type SocketType } from './socket-types.js'
