import { requireLibzmq } from '@zmtp/test-peers'
import { afterAll, describe, expect, it } from 'vitest'
import { ATTACKS } from '../src/attacks.js'
import { MEMORY_GROWTH_BOUND_MIB } from '../src/bounds.js'
import { formatReport, recordResult } from '../src/report.js'
import { type AttackResult, runAttack } from '../src/run.js'

/**
 * Each attack runs against our echo Router in a child process, with a libzmq DEALER doing round trips
 * throughout; the test asserts that the process lives, its memory stays under the bound and the good peer
 * is always served. The same attack then runs against a libzmq ROUTER for the report (no assertions on it).
 * ATTACK_COMPARE=0 skips the libzmq runs.
 */
const compare = process.env.ATTACK_COMPARE !== '0'
const resultsFile = process.env.ATTACK_RESULTS
const results: AttackResult[] = []

const available = requireLibzmq() === 'run'

describe.runIf(available)('attacks on an echo Router', () => {
  afterAll(() => {
    if (results.length > 0) console.log(`\nAttack report (ours vs libzmq 4.3.4):\n${formatReport(results)}\n`)
  })

  for (const attack of ATTACKS) {
    it(`${attack.name}: ${attack.description}`, async () => {
      const ours = await runAttack(attack, 'ours')
      results.push(ours)
      recordResult(resultsFile, ours)
      if (compare) {
        const libzmq = await runAttack(attack, 'libzmq')
        results.push(libzmq)
        recordResult(resultsFile, libzmq)
      }
      expect(ours.alive, `our server died: ${ours.exit}`).toBe(true)
      expect(ours.peakRssMib - ours.baselineRssMib).toBeLessThan(MEMORY_GROWTH_BOUND_MIB)
      // Heap plus array buffers too: a buffer reserved from a claimed size need not show in RSS.
      expect(ours.peakHeapMib).toBeLessThan(MEMORY_GROWTH_BOUND_MIB)
      expect(ours.good.timeouts).toBe(0)
      expect(ours.good.count).toBeGreaterThan(0)
      expect(ours.good.finalOk).toBe(3)
    })
  }
})
