/**
 * Argument checks and value conversions of zeromq.js's raw option accessors, with its messages: the
 * accessors take an option number and, to write, a value of their type, converted to the C type libzmq
 * stores (an int32 wraps as a C cast does, a uint64 saturates and warns past 2^53).
 */
import { expectArguments } from './arguments.js'

/** The libzmq types of socket options, as zeromq.js's accessors name them. */
export type OptionKind = 'bool' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'string'

const valueChecks: Record<OptionKind, [(value: unknown) => boolean, string]> = {
  bool: [(value) => typeof value === 'boolean', 'Option value must be a boolean'],
  int32: [(value) => typeof value === 'number', 'Option value must be a number'],
  uint32: [(value) => typeof value === 'number', 'Option value must be a number'],
  int64: [(value) => typeof value === 'number', 'Option value must be a number'],
  uint64: [(value) => typeof value === 'number', 'Option value must be a number'],
  string: [
    (value) => typeof value === 'string' || value instanceof Uint8Array || value === null,
    'Option value must be a string or buffer',
  ],
}

/**
 * Checks a raw accessor's arguments as zeromq.js does (at most `count`, a number first, then a value
 * of the accessor's type) and returns the option number, as the C int libzmq takes, and the value.
 */
export function readArguments(args: readonly unknown[], count: 1 | 2, kind: OptionKind): [number, unknown] {
  expectArguments(args, count)
  const [id, value] = args
  if (typeof id !== 'number') throw new TypeError('Identifier must be a number')
  if (count === 2) {
    const [accepts, message] = valueChecks[kind]
    if (!accepts(value)) throw new TypeError(message)
  }
  return [id | 0, value]
}

const twoTo63 = 2 ** 63
const twoTo64 = 2 ** 64

/** A number as libzmq would store it for an option of `kind`. */
export function rawNumber(kind: OptionKind, value: unknown): number {
  const number = value as number
  switch (kind) {
    case 'int32':
      return number | 0
    case 'uint32':
      return number >>> 0
    case 'int64':
      return Number.isFinite(number) ? Math.min(Math.max(Math.trunc(number), -twoTo63), twoTo63) : 0
    default:
      return toUint64(number)
  }
}

/** zeromq.js's uint64 conversion: negative to 0, past the largest uint64 to it, with a warning past 2^53. */
function toUint64(value: number): number {
  if (!(value > 0)) return 0
  if (value > Number.MAX_SAFE_INTEGER) {
    process.emitWarning(
      'Value is larger than Number.MAX_SAFE_INTEGER and may have been rounded inaccurately.',
    )
  }
  return value >= twoTo64 ? twoTo64 : Math.trunc(value)
}
