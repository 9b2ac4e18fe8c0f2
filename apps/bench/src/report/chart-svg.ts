/**
 * Draws a run's ratios as an SVG bar chart, with no dependency: one bar per bench and competitor, on a
 * log scale centred on 1× so that "twice as fast" and "half as fast" are the same length. Bars point
 * right when ours is better, whichever way the metric runs (for memory, fewer is better).
 */
import type { RunResults } from '../results.js'
import { machineLine } from './format.js'

const WIDTH = 1040
/** Room right of the plot for the labels of the longest bars. */
const RIGHT = 170
/** Rough width of one character at 12 px, to keep labels off the bench names. */
const CHAR = 6.5
const ROW = 22
const LABEL = 330
const TOP = 70
const SPAN = 3 // log2 range each side: 1/8× to 8×

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

interface Bar {
  label: string
  advantage: number
  text: string
}

function bars(run: RunResults): Bar[] {
  const out: Bar[] = []
  for (const bench of run.benches) {
    const lowerIsBetter = bench.metrics[0]!.better === 'lower'
    for (const result of bench.results.slice(1)) {
      if (result.ratio === undefined) continue
      out.push({
        label: `${bench.title}, ${bench.variant} vs ${result.label}`,
        advantage: lowerIsBetter ? 1 / result.ratio : result.ratio,
        text: `${result.ratio.toFixed(2)}× ${bench.metrics[0]!.label}`,
      })
    }
  }
  return out
}

export function renderChart(run: RunResults): string {
  const data = bars(run)
  const height = TOP + data.length * ROW + 40
  const plot = WIDTH - LABEL - RIGHT
  const centre = LABEL + plot / 2
  const x = (advantage: number) => {
    const log = Math.max(-SPAN, Math.min(SPAN, Math.log2(advantage)))
    return centre + (log / SPAN) * (plot / 2)
  }
  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
  )
  parts.push(`<rect width="100%" height="100%" fill="#fff"/>`)
  parts.push(
    `<text x="10" y="20" font-size="15" font-weight="bold">zmtp compared (ours ÷ theirs, medians; right = ours better)</text>`,
  )
  parts.push(
    `<text x="10" y="38" fill="#555">${escapeXml(`${run.mode} run ${run.date}; ${machineLine(run.machine)}`)}</text>`,
  )
  for (const tick of [1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8]) {
    const tx = x(tick)
    const label = tick < 1 ? `1/${1 / tick}×` : `${tick}×`
    parts.push(
      `<line x1="${tx}" y1="${TOP - 8}" x2="${tx}" y2="${height - 30}" stroke="${tick === 1 ? '#333' : '#ddd'}"/>`,
    )
    parts.push(`<text x="${tx}" y="${TOP - 12}" text-anchor="middle" fill="#555">${label}</text>`)
  }
  data.forEach((bar, i) => {
    const y = TOP + i * ROW
    const end = x(bar.advantage)
    const left = Math.min(centre, end)
    const colour = bar.advantage >= 1 ? '#2e7d32' : '#c62828'
    parts.push(`<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end">${escapeXml(bar.label)}</text>`)
    parts.push(
      `<rect x="${left.toFixed(1)}" y="${y + 4}" width="${Math.max(1, Math.abs(end - centre)).toFixed(1)}" height="${ROW - 8}" fill="${colour}"/>`,
    )
    let textX = bar.advantage >= 1 ? Math.max(end, centre) + 4 : Math.min(end, centre) - 4
    let anchor = bar.advantage >= 1 ? 'start' : 'end'
    // A long bar to the left (clamped at 1/8x) leaves no room for its label: put it right of 1x.
    if (anchor === 'end' && textX - bar.text.length * CHAR < LABEL) {
      textX = centre + 4
      anchor = 'start'
    }
    parts.push(
      `<text x="${textX.toFixed(1)}" y="${y + 15}" text-anchor="${anchor}" fill="#333">${escapeXml(bar.text)}</text>`,
    )
  })
  parts.push(
    `<text x="10" y="${height - 10}" fill="#555">${escapeXml(`from ${run.command}; figures in benchmarks.json`)}</text>`,
  )
  parts.push('</svg>')
  return `${parts.join('\n')}\n`
}
