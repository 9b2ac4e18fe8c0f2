/**
 * Cold and warm windows (issue #17). One measurement from fresh processes yields both: the cold window
 * is the first messages or round trips those processes exchange, while the JIT is still compiling, as a
 * CLI, a short job or a serverless function sees it; the warm window is timed only after a stated
 * warm-up. The runner splits such a bench into a `-cold` and a `-warm` result, each with its own ratios.
 */

/** The prefix of a sample's cold-window metrics. */
export const COLD = 'cold:'

const n = (value: number) => value.toLocaleString('en-US')

/** How the two windows are described in the table, the JSON and the docs. */
export function phaseLabels(cold: number, warmup: number, count: number, unit: string) {
  return {
    cold: `cold: first ${n(cold)} ${unit} of fresh processes`,
    warm: `warm: ${n(count)} ${unit} after ${n(warmup)}`,
  }
}
