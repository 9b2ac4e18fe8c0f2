import { describe, expect, it } from 'vitest'
import { Deque } from '../src/util/deque.js'

import { random } from './random.js'

/** Reads the backing buffer, to check that vacated slots no longer hold items. */
function slots<T>(deque: Deque<T>): Array<T | undefined> {
  return (deque as unknown as { buffer: Array<T | undefined> }).buffer
}

describe('Deque', () => {
  it('is empty to begin with', () => {
    const deque = new Deque<number>()
    expect(deque.length).toBe(0)
    expect(deque.shift()).toBeUndefined()
    expect(deque.peek()).toBeUndefined()
    expect([...deque]).toEqual([])
    expect(deque.removeFirst(() => true)).toBeUndefined()
  })

  it('is first in, first out', () => {
    const deque = new Deque<string>()
    deque.push('a')
    deque.push('b')
    deque.push('c')
    expect(deque.length).toBe(3)
    expect(deque.peek()).toBe('a')
    expect(deque.shift()).toBe('a')
    expect(deque.peek()).toBe('b')
    expect(deque.shift()).toBe('b')
    expect(deque.shift()).toBe('c')
    expect(deque.shift()).toBeUndefined()
    expect(deque.length).toBe(0)
  })

  it('keeps falsy items', () => {
    const deque = new Deque<number | null | string>()
    deque.push(0)
    deque.push(null)
    deque.push('')
    expect([...deque]).toEqual([0, null, ''])
    expect(deque.shift()).toBe(0)
    expect(deque.shift()).toBeNull()
    expect(deque.shift()).toBe('')
  })

  it('grows by doubling across wrap-around and keeps order', () => {
    const deque = new Deque<number>()
    // A new deque has no buffer until its first push.
    deque.push(-1)
    deque.shift()
    const initial = deque.capacity
    // Move the head into the middle so the next growth has to unwrap the ring.
    for (let i = 0; i < initial - 2; i++) deque.push(-1)
    for (let i = 0; i < initial - 2; i++) deque.shift()
    for (let i = 0; i < initial; i++) deque.push(i)
    expect(deque.capacity).toBe(initial)
    deque.push(initial)
    expect(deque.capacity).toBe(initial * 2)
    for (let i = initial + 1; i < 100; i++) deque.push(i)
    expect(deque.capacity).toBe(128)
    expect([...deque]).toEqual(Array.from({ length: 100 }, (_, i) => i))
    for (let i = 0; i < 100; i++) expect(deque.shift()).toBe(i)
    expect(deque.length).toBe(0)
  })

  it('capacity is always a power of two and shrinks back after a burst', () => {
    const deque = new Deque<number>()
    deque.push(-1)
    deque.shift()
    const initial = deque.capacity
    expect(initial & (initial - 1)).toBe(0)
    for (let i = 0; i < 1000; i++) deque.push(i)
    expect(deque.capacity).toBe(1024)
    for (let i = 0; i < 1000; i++) {
      expect(deque.shift()).toBe(i)
      expect(deque.capacity & (deque.capacity - 1)).toBe(0)
      expect(deque.capacity).toBeGreaterThanOrEqual(deque.length)
    }
    expect(deque.capacity).toBe(initial)
  })

  it('grows in one step to what the previous burst needed, and follows smaller bursts back down', () => {
    const deque = new Deque<number>()
    const capacities = new Set<number>()
    const burst = (size: number) => {
      capacities.clear()
      for (let i = 0; i < size; i++) {
        deque.push(i)
        capacities.add(deque.capacity)
      }
      for (let i = 0; i < size; i++) expect(deque.shift()).toBe(i)
      expect(deque.capacity).toBe(8)
    }
    burst(1000)
    expect([...capacities]).toEqual([8, 16, 32, 64, 128, 256, 512, 1024])
    burst(1000)
    expect([...capacities]).toEqual([8, 1024])
    burst(20)
    expect([...capacities]).toEqual([8, 1024])
    burst(20)
    expect([...capacities]).toEqual([8, 32])
  })

  it('after one huge backlog, a small burst does not allocate an array of the backlog’s size', () => {
    const deque = new Deque<number>()
    for (let i = 0; i < 100_000; i++) deque.push(i)
    while (deque.length > 0) deque.shift()
    let largest = 0
    for (let i = 0; i < 9; i++) {
      deque.push(i)
      largest = Math.max(largest, deque.capacity)
    }
    expect(largest).toBe(1024)
  })

  it('holds no buffer until the first push, and none again after clear', () => {
    const deque = new Deque<number>()
    expect(deque.capacity).toBe(0)
    expect(deque.shift()).toBeUndefined()
    expect(deque.peek()).toBeUndefined()
    expect([...deque]).toEqual([])
    deque.push(1)
    expect(deque.capacity).toBe(8)
    expect(deque.shift()).toBe(1)
    expect(deque.capacity).toBe(8)
    deque.push(2)
    deque.clear()
    expect(deque.capacity).toBe(0)
    expect(deque.length).toBe(0)
    deque.push(3)
    expect([...deque]).toEqual([3])
  })

  it('iterates oldest first after wrapping', () => {
    const deque = new Deque<number>()
    for (let i = 0; i < 6; i++) deque.push(i)
    for (let i = 0; i < 4; i++) deque.shift()
    for (let i = 6; i < 12; i++) deque.push(i)
    expect([...deque]).toEqual([4, 5, 6, 7, 8, 9, 10, 11])
    expect(Array.from(deque)).toEqual([4, 5, 6, 7, 8, 9, 10, 11])
  })

  it('clears vacated slots so items can be collected', () => {
    const deque = new Deque<object>()
    const items = Array.from({ length: 5 }, (_, i) => ({ i }))
    for (const item of items) deque.push(item)
    deque.shift()
    deque.removeFirst((item) => item === items[2])
    deque.removeFirst((item) => item === items[4])
    const held = slots(deque).filter((x) => x !== undefined)
    expect(held).toEqual([items[1], items[3]])
    deque.clear()
    expect(slots(deque).every((x) => x === undefined)).toBe(true)
  })

  it('removeFirst removes only the first match, from the head, middle or tail', () => {
    const deque = new Deque<number>()
    for (const x of [1, 2, 3, 2, 5, 6, 7]) deque.push(x)
    expect(deque.removeFirst((x) => x === 2)).toBe(2)
    expect([...deque]).toEqual([1, 3, 2, 5, 6, 7])
    expect(deque.removeFirst((x) => x === 1)).toBe(1)
    expect(deque.removeFirst((x) => x === 7)).toBe(7)
    expect(deque.removeFirst((x) => x === 6)).toBe(6)
    expect([...deque]).toEqual([3, 2, 5])
    expect(deque.removeFirst((x) => x === 42)).toBeUndefined()
    expect(deque.length).toBe(3)
    expect(deque.peek()).toBe(3)
    deque.push(8)
    expect([...deque]).toEqual([3, 2, 5, 8])
  })

  it('removeFirst stops calling the predicate after the first match', () => {
    const deque = new Deque<number>()
    for (let i = 0; i < 10; i++) deque.push(i)
    const seen: number[] = []
    deque.removeFirst((x) => {
      seen.push(x)
      return x === 3
    })
    expect(seen).toEqual([0, 1, 2, 3])
  })

  it('clear empties it and it stays usable', () => {
    const deque = new Deque<number>()
    for (let i = 0; i < 50; i++) deque.push(i)
    deque.clear()
    expect(deque.length).toBe(0)
    expect(deque.peek()).toBeUndefined()
    expect([...deque]).toEqual([])
    deque.push(7)
    deque.push(8)
    expect(deque.shift()).toBe(7)
    expect([...deque]).toEqual([8])
  })

  it('agrees with an array model over random operations', () => {
    const next = random(42)
    const deque = new Deque<number>()
    const model: number[] = []
    let counter = 0
    for (let op = 0; op < 5000; op++) {
      const roll = next()
      // Bias towards pushing in the first half and shifting in the second so the size swings widely.
      const pushBias = op < 2500 ? 0.6 : 0.3
      if (roll < pushBias) {
        deque.push(counter)
        model.push(counter)
        counter++
      } else if (roll < pushBias + 0.25) {
        expect(deque.shift()).toBe(model.shift())
      } else if (roll < pushBias + 0.35) {
        const target = model.length === 0 || next() < 0.2 ? -1 : model[Math.floor(next() * model.length)]
        const index = model.indexOf(target)
        const expected = index === -1 ? undefined : model.splice(index, 1)[0]
        expect(deque.removeFirst((x) => x === target)).toBe(expected)
      } else {
        expect(deque.peek()).toBe(model[0])
      }
      expect(deque.length).toBe(model.length)
      if (op % 50 === 0) expect([...deque]).toEqual(model)
    }
    expect([...deque]).toEqual(model)
  })
})
