import { setImmediate as nextTask } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { Outbox } from '../src/connection/outbox.js'
import { CHUNK_SIZE } from '../src/defaults.js'

/** An outbox whose data-channel messages are recorded as plain arrays of octets. */
function recorded() {
  const sent: number[][] = []
  const outbox = new Outbox((message) => sent.push(Array.from(message)))
  const write = (...octets: number[]) => {
    outbox.add(Uint8Array.from(octets))
    outbox.written()
  }
  return { outbox, sent, write }
}

describe('Outbox', () => {
  it('sends the first write of a job at once, whole', () => {
    const { sent, write } = recorded()
    write(1, 2, 3)
    expect(sent).toEqual([[1, 2, 3]])
  })

  it('packs later writes of the same job into one message in the next task, in order', async () => {
    const { outbox, sent, write } = recorded()
    write(1)
    write(2, 3)
    write(4)
    expect(sent).toEqual([[1]])
    expect(outbox.pending).toBe(3)
    await nextTask()
    expect(sent).toEqual([[1], [2, 3, 4]])
    expect(outbox.pending).toBe(0)
  })

  it('sends what is packed ahead of the next job’s first write', async () => {
    const { sent, write } = recorded()
    write(1)
    write(2)
    await Promise.resolve()
    write(3)
    expect(sent).toEqual([[1], [2, 3]])
    await nextTask()
    expect(sent).toEqual([[1], [2, 3]])
  })

  it('cuts a large write into messages of at most 16 KiB and loses nothing', async () => {
    const { sent, outbox } = recorded()
    const large = new Uint8Array(CHUNK_SIZE * 2 + 100).map((_, i) => i % 251)
    outbox.add(Uint8Array.of(7))
    outbox.add(large)
    outbox.written()
    await nextTask()
    expect(sent.every((message) => message.length <= CHUNK_SIZE)).toBe(true)
    expect(sent.flat()).toEqual([7, ...large])
  })

  it('drops what is packed on clear()', async () => {
    const { outbox, sent, write } = recorded()
    write(1)
    write(2)
    outbox.clear()
    await nextTask()
    expect(sent).toEqual([[1]])
  })
})
