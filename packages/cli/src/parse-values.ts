import { InvalidArgumentError } from 'commander'

/**
 * Option value parsers for commander. A bad value throws commander's InvalidArgumentError, which it
 * reports as a usage error (exit 1) naming the option.
 */

/** A whole number of at least `min`. */
export function integer(min: number): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value) || Number(value) < min) {
      throw new InvalidArgumentError(`expected a whole number of at least ${min}, got '${value}'`)
    }
    return Number(value)
  }
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 }

/** A duration: milliseconds as a bare number, or with a unit: `250ms`, `2s`, `1m`. `-1` where allowed. */
export function duration(allowForever = false): (value: string) => number {
  return (value) => {
    if (allowForever && value === '-1') return -1
    const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value)
    if (!match) {
      const forever = allowForever ? ', or -1 for no limit' : ''
      throw new InvalidArgumentError(`expected a duration such as 500, 500ms or 2s${forever}, got '${value}'`)
    }
    return Math.round(Number(match[1]) * UNITS[match[2] ?? 'ms']!)
  }
}

/** Collects a repeatable option into an array. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}
