// `node dist/chart.js [results.json] [chart.svg]`: redraws the chart from a results file.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { docsDir } from './paths.js'
import { renderChart } from './report/chart-svg.js'
import type { RunResults } from './results.js'

const input = process.argv[2] ?? join(docsDir, 'benchmarks.json')
const output = process.argv[3] ?? join(docsDir, 'benchmarks.svg')
const run = JSON.parse(readFileSync(input, 'utf8')) as RunResults
writeFileSync(output, renderChart(run))
console.log(`${output} drawn from ${input}`)
