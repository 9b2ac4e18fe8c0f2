#!/usr/bin/env node
import { run } from './main.js'

const { code, linger } = await run(process.argv.slice(2))
process.exitCode = code
// Stop reading stdin so that only lingering connections keep the process alive while they drain.
process.stdin.destroy()
// With a bounded linger, or after a failure, do not wait longer than that for connections to finish.
const bound =
  linger !== undefined && linger >= 0 ? linger + 500 : code === 0 || code === 130 ? undefined : 500
if (bound !== undefined) setTimeout(() => process.exit(code), bound).unref()
