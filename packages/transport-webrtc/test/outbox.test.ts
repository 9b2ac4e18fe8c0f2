import { setImmediate as nextTask } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { Outbox } from '../src/connection/outbox.js'
import { CHUNK_SIZE, STREAM_HOLD_MS, STREAM_HOLD_TURNS, STREAM_MIN_TURN_BYTES } from '../src/defaults.js'

/**
 * An outbox whose data-channel messages are recorded as plain arrays of octets. Its clock stands still
 * unless a test moves it, so how long a test's own steps take never changes what the outbox does.
 */
function recorded() {
  const sent: number[][] = []
  // Far from zero, as performance.now() is: a wait timed from a forgotten or zero stamp looks long.
  const clock = { ms: 10_000 }
  const outbox = new Outbox(
    (message) => sent.push(Array.from(message)),
    () => clock.ms,
  )
  const write = (...octets: number[]) => {
    outbox.add(Uint8Array.from(octets))
    outbox.written()
  }
  return { outbox, sent, write, clock }
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

describe('Outbox, a stream of writes task after task', () => {
  /** A task's writes heavy enough to be held for the next task's. */
  const HEAVY = STREAM_MIN_TURN_BYTES

  /** Writes `size` octets (counting up from `from`) as one write, once per task, `tasks` times. */
  async function stream(write: (...octets: number[]) => void, tasks: number, size: number, from = 0) {
    let next = from
    for (let task = 0; task < tasks; task++) {
      write(...Array.from({ length: size }, () => next++ % 256))
      await nextTask()
    }
    return next
  }

  it('packs writes of later tasks into fewer, larger messages, in order, each held at most a few tasks', async () => {
    const { outbox, sent, write } = recorded()
    // About what a Push sender awaiting each 16 B send writes per task (256 messages of 18 octets).
    const size = 4_608
    let next = 0
    let written = 0
    for (let task = 0; task < 20; task++) {
      write(...Array.from({ length: size }, () => next++ % 256))
      written += size
      // Never more held back than the writes of STREAM_HOLD_TURNS tasks (and this one).
      expect(written - sent.flat().length).toBeLessThanOrEqual((STREAM_HOLD_TURNS + 1) * size)
      expect(outbox.pending).toBe(written - sent.flat().length)
      await nextTask()
    }
    await nextTask()
    await nextTask()
    expect(sent.flat()).toEqual(Array.from({ length: written }, (_, i) => i % 256))
    expect(sent.every((message) => message.length <= CHUNK_SIZE)).toBe(true)
    // The first write went out alone at once; the rest in full 16 KiB messages where they filled one.
    expect(sent[0]!.length).toBe(size)
    expect(sent.length).toBeLessThan(20 / 2)
    expect(sent.some((message) => message.length === CHUNK_SIZE)).toBe(true)
  })

  it('sends what a stream holds once a task passes with no write', async () => {
    const { outbox, sent, write } = recorded()
    const written = await stream(write, 3, HEAVY)
    // The first went out at once; the two after it wait for more.
    expect(sent.flat().length).toBe(HEAVY)
    await nextTask()
    expect(outbox.pending).toBe(0)
    expect(sent.flat()).toEqual(Array.from({ length: written }, (_, i) => i % 256))
  })

  it('sends a write at once again after the stream has gone quiet', async () => {
    const { outbox, sent, write } = recorded()
    await stream(write, 3, HEAVY)
    expect(outbox.pending).toBeGreaterThan(0)
    for (let task = 0; task < 3; task++) await nextTask()
    const before = sent.length
    write(1, 2, 3)
    expect(sent.length).toBe(before + 1)
    expect(sent.at(-1)).toEqual([1, 2, 3])
  })

  it('sends a write that answers input at once, with what the stream held before it', async () => {
    const { outbox, sent, write } = recorded()
    const written = await stream(write, 3, HEAVY)
    expect(outbox.pending).toBeGreaterThan(0)
    outbox.inputArrived()
    write(200)
    expect(outbox.pending).toBe(0)
    expect(sent.flat()).toEqual([...Array.from({ length: written }, (_, i) => i % 256), 200])
  })

  it('drops what a stream holds on clear() and stays quiet afterwards', async () => {
    const { outbox, sent, write } = recorded()
    await stream(write, 3, HEAVY)
    expect(outbox.pending).toBeGreaterThan(0)
    const before = sent.flat().length
    outbox.clear()
    for (let task = 0; task < 3; task++) await nextTask()
    expect(sent.flat().length).toBe(before)
    write(7)
    expect(sent.at(-1)).toEqual([7])
  })

  it('holds nothing for a light feed (under STREAM_MIN_TURN_BYTES a task): each task’s writes go in the next', async () => {
    const { outbox, sent, write } = recorded()
    let next = 0
    // Enough tasks that the feed's total passes STREAM_MIN_TURN_BYTES many times over: only a task's own
    // writes count.
    for (let task = 0; task < 60; task++) {
      const before = next
      write(...Array.from({ length: 100 }, () => next++ % 256))
      await nextTask()
      expect(outbox.pending).toBe(0)
      expect(sent.flat().length).toBe(next)
      expect(sent.at(-1)!.length).toBe(next - before)
    }
  })

  it('sends everything held once a light task follows heavy ones', async () => {
    const { outbox, sent, write } = recorded()
    let next = await stream(write, 3, HEAVY)
    expect(outbox.pending).toBe(2 * HEAVY)
    write(...Array.from({ length: 100 }, () => next++ % 256))
    await nextTask()
    expect(outbox.pending).toBe(0)
    expect(sent.flat()).toEqual(Array.from({ length: next }, (_, i) => i % 256))
  })

  it('holds a stream’s oldest octet no longer than STREAM_HOLD_MS, however few tasks pass', async () => {
    const { outbox, sent, write, clock } = recorded()
    // The first write goes at once; the second task's is packed, and its time is when it was added.
    let next = await stream(write, 1, HEAVY)
    for (let cycle = 0; cycle < 2; cycle++) {
      write(...Array.from({ length: HEAVY }, () => next++ % 256))
      // A busy process: its task takes the longest wait allowed, so the check after it sends.
      clock.ms += STREAM_HOLD_MS
      await nextTask()
      expect(outbox.pending).toBe(0)
      // A task within the wait is held as before.
      write(...Array.from({ length: HEAVY }, () => next++ % 256))
      await nextTask()
      expect(outbox.pending).toBe(HEAVY)
      clock.ms += STREAM_HOLD_MS
      write(...Array.from({ length: HEAVY }, () => next++ % 256))
      await nextTask()
      expect(outbox.pending).toBe(0)
    }
    expect(sent.flat()).toEqual(Array.from({ length: next }, (_, i) => i % 256))
  })
})
