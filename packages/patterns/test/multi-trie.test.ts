import { describe, expect, it } from 'vitest'
import { MultiTrie } from '../src/routing/multi-trie.js'

import { b, hex, random, s, unhex } from './random.js'

function matched<T>(trie: MultiTrie<T>, data: Uint8Array): T[] {
  const out: T[] = []
  trie.match(data, (subscriber) => out.push(subscriber))
  return out
}

describe('MultiTrie', () => {
  it('starts empty', () => {
    const trie = new MultiTrie<string>()
    expect(trie.size).toBe(0)
    expect(trie.nodeCount).toBe(0)
    expect(matched(trie, s('x'))).toEqual([])
    expect(trie.subscribers(b())).toBeUndefined()
    expect(trie.subscribers(s('x'))).toBeUndefined()
  })

  it('reports the first subscriber of a prefix and the last one leaving', () => {
    const trie = new MultiTrie<string>()
    expect(trie.add(s('news'), 'p1')).toBe(true)
    expect(trie.add(s('news'), 'p2')).toBe(false)
    expect(trie.size).toBe(1)
    expect([...(trie.subscribers(s('news')) ?? [])].sort()).toEqual(['p1', 'p2'])
    expect(trie.remove(s('news'), 'p1')).toBe(false)
    expect(trie.remove(s('news'), 'p2')).toBe(true)
    expect(trie.subscribers(s('news'))).toBeUndefined()
    expect(trie.size).toBe(0)
    expect(trie.nodeCount).toBe(0)
  })

  it('treats a repeated (prefix, subscriber) pair as a no-op', () => {
    const trie = new MultiTrie<string>()
    expect(trie.add(s('a'), 'p1')).toBe(true)
    expect(trie.add(s('a'), 'p1')).toBe(false)
    expect(trie.subscribers(s('a'))?.size).toBe(1)
    // One remove is enough: no counting per pair.
    expect(trie.remove(s('a'), 'p1')).toBe(true)
    expect(trie.remove(s('a'), 'p1')).toBe(false)
    expect(trie.size).toBe(0)
  })

  it('returns false when removing an absent pair', () => {
    const trie = new MultiTrie<string>()
    expect(trie.remove(s('a'), 'p1')).toBe(false)
    trie.add(s('abcd'), 'p1')
    trie.add(s('abxy'), 'p1')
    expect(trie.remove(s('abcd'), 'p2')).toBe(false)
    expect(trie.remove(s('ab'), 'p1')).toBe(false)
    expect(trie.remove(s('abc'), 'p1')).toBe(false)
    expect(trie.remove(s('abcde'), 'p1')).toBe(false)
    expect(trie.remove(b(), 'p1')).toBe(false)
    expect(trie.size).toBe(2)
    expect(matched(trie, s('abcd!'))).toEqual(['p1'])
  })

  it('empty prefix matches every message', () => {
    const trie = new MultiTrie<string>()
    expect(trie.add(b(), 'all')).toBe(true)
    expect(matched(trie, b())).toEqual(['all'])
    expect(matched(trie, b(0xff, 0x00))).toEqual(['all'])
    expect(trie.subscribers(b())?.has('all')).toBe(true)
    expect(trie.nodeCount).toBe(0)
    expect(trie.remove(b(), 'all')).toBe(true)
    expect(matched(trie, b())).toEqual([])
  })

  it('matches by prefix over binary bytes including 0x00 and 0xff', () => {
    const trie = new MultiTrie<string>()
    trie.add(b(0x00), 'zero')
    trie.add(b(0xff, 0x00), 'ff00')
    trie.add(b(0xff, 0xff), 'ffff')
    expect(matched(trie, b(0x00, 0x00))).toEqual(['zero'])
    expect(matched(trie, b(0xff))).toEqual([])
    expect(matched(trie, b(0xff, 0x00, 0x01))).toEqual(['ff00'])
    expect(matched(trie, b(0xff, 0xff))).toEqual(['ffff'])
    expect(matched(trie, b(0x01))).toEqual([])
  })

  it('visits a subscriber at most once even when several of its prefixes match', () => {
    const trie = new MultiTrie<string>()
    trie.add(b(), 'p1')
    trie.add(s('w'), 'p1')
    trie.add(s('weather'), 'p1')
    trie.add(s('weather'), 'p2')
    trie.add(s('weather.1'), 'p2')
    trie.add(s('weather.1'), 'p3')
    trie.add(s('sport'), 'p4')
    expect(matched(trie, s('weather.10001')).sort()).toEqual(['p1', 'p2', 'p3'])
    // Dedupe state must not leak into the next call.
    expect(matched(trie, s('weather.10001')).sort()).toEqual(['p1', 'p2', 'p3'])
    expect(matched(trie, s('weather.2')).sort()).toEqual(['p1', 'p2'])
    expect(matched(trie, s('sports')).sort()).toEqual(['p1', 'p4'])
  })

  it('compares subscribers by identity', () => {
    const trie = new MultiTrie<{ id: number }>()
    const a = { id: 1 }
    const twin = { id: 1 }
    expect(trie.add(s('t'), a)).toBe(true)
    expect(trie.add(s('t'), twin)).toBe(false)
    expect(trie.subscribers(s('t'))?.size).toBe(2)
    const seen = matched(trie, s('t'))
    expect(seen).toHaveLength(2)
    expect(seen).toContain(a)
    expect(seen).toContain(twin)
  })

  it('removeSubscriber drops it everywhere and reports emptied prefixes', () => {
    const trie = new MultiTrie<string>()
    trie.add(s('a'), 'gone')
    trie.add(s('ab'), 'gone')
    trie.add(s('ab'), 'stays')
    trie.add(b(0x00, 0xff), 'gone')
    trie.add(b(), 'gone')
    trie.add(s('z'), 'stays')
    const emptied: string[] = []
    trie.removeSubscriber('gone', (prefix) => emptied.push(hex(prefix)))
    expect(emptied.sort()).toEqual(['', '00ff', hex(s('a'))].sort())
    expect(trie.size).toBe(2)
    expect(matched(trie, s('abc'))).toEqual(['stays'])
    expect(matched(trie, s('a'))).toEqual([])
    expect(matched(trie, b(0x00, 0xff))).toEqual([])
    expect(trie.subscribers(s('ab'))?.has('gone')).toBe(false)
    // Its pairs are really gone: removing one is now a miss, and re-adding counts as first again.
    expect(trie.remove(s('a'), 'gone')).toBe(false)
    expect(trie.add(s('a'), 'gone')).toBe(true)
  })

  it('removeSubscriber works without a callback and ignores unknown subscribers', () => {
    const trie = new MultiTrie<string>()
    trie.removeSubscriber('nobody')
    trie.add(s('x'), 'p1')
    trie.add(s('xy'), 'p1')
    trie.removeSubscriber('nobody', () => {
      throw new Error('not expected')
    })
    trie.removeSubscriber('p1')
    expect(trie.size).toBe(0)
    expect(trie.nodeCount).toBe(0)
  })

  it('removeSubscriber callbacks see a consistent trie', () => {
    const trie = new MultiTrie<string>()
    trie.add(s('a'), 'p1')
    trie.add(s('abc'), 'p1')
    trie.add(s('abd'), 'p1')
    const sizes: number[] = []
    trie.removeSubscriber('p1', (prefix) => {
      sizes.push(trie.size)
      expect(trie.subscribers(prefix)).toBeUndefined()
    })
    expect(sizes).toEqual([0, 0, 0])
    expect(trie.nodeCount).toBe(0)
  })

  it('does not keep a reference to the caller buffer', () => {
    const trie = new MultiTrie<string>()
    const network = s('topic-and-more')
    trie.add(network.subarray(0, 5), 'p1')
    network.fill(0)
    expect(matched(trie, s('topic!'))).toEqual(['p1'])
    expect(matched(trie, b(0, 0, 0, 0, 0))).toEqual([])
  })

  it('prunes nodes and does not grow with churn', () => {
    const trie = new MultiTrie<number>()
    trie.add(s('keep'), 0)
    const base = trie.nodeCount
    for (let i = 0; i < 500; i++) {
      trie.add(s(`churn.${i}`), i)
      trie.add(s(`kee${i}`), i)
      trie.add(s('keep'), i + 1)
      trie.removeSubscriber(i + 1)
      trie.remove(s(`churn.${i}`), i)
      trie.remove(s(`kee${i}`), i)
    }
    expect(trie.nodeCount).toBe(base)
    expect(trie.size).toBe(1)
    expect(trie.remove(s('keep'), 0)).toBe(true)
    expect(trie.nodeCount).toBe(0)
  })

  it('agrees with a naive model over random operations', () => {
    const next = random(0xc0ffee)
    const alphabet = [0x00, 0x01, 0x02, 0x7f, 0x80, 0xff]
    const subscribers = ['p0', 'p1', 'p2', 'p3', 'p4']
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]
    const randomBytes = (minLength: number, maxLength: number) =>
      Uint8Array.from({ length: minLength + Math.floor(next() * (maxLength - minLength + 1)) }, () =>
        pick(alphabet),
      )
    const concat = (a: Uint8Array, c: Uint8Array) => Uint8Array.from([...a, ...c])
    const visits = new Map<number, number>()

    for (let round = 0; round < 5; round++) {
      const trie = new MultiTrie<string>()
      // The reference: a flat list of (prefix, subscriber) pairs.
      let pairs: Array<[string, string]> = []
      const has = (p: string, sub: string) => pairs.some(([q, t]) => q === p && t === sub)
      const prefixCount = () => new Set(pairs.map(([p]) => p)).size
      // Reusing stored keys makes removals and deep matches hit often; fresh keys cover misses and splits.
      const someKey = () => {
        if (pairs.length > 0 && next() < 0.6) return unhex(pick(pairs)[0])
        // The empty prefix matches everything, so keep it rare or it would mask every other outcome.
        return next() < 0.02 ? new Uint8Array(0) : randomBytes(1, 4)
      }

      for (let op = 0; op < 2000; op++) {
        const roll = next()
        const key = someKey()
        const k = hex(key)
        const sub = pick(subscribers)
        if (roll < 0.4) {
          const first = !pairs.some(([p]) => p === k)
          const present = has(k, sub)
          expect(trie.add(key, sub)).toBe(first)
          if (!present) pairs.push([k, sub])
        } else if (roll < 0.7) {
          const present = has(k, sub)
          pairs = pairs.filter(([p, t]) => !(p === k && t === sub))
          const last = present && !pairs.some(([p]) => p === k)
          expect(trie.remove(key, sub)).toBe(last)
        } else if (roll < 0.75) {
          const before = new Set(pairs.map(([p]) => p))
          pairs = pairs.filter(([, t]) => t !== sub)
          const after = new Set(pairs.map(([p]) => p))
          const expected = [...before].filter((p) => !after.has(p)).sort()
          const reported: string[] = []
          trie.removeSubscriber(sub, (prefix) => reported.push(hex(prefix)))
          expect(reported.sort()).toEqual(expected)
        } else if (roll < 0.95) {
          const data = next() < 0.5 ? concat(someKey(), randomBytes(0, 3)) : randomBytes(0, 6)
          const d = hex(data)
          const expected = [...new Set(pairs.filter(([p]) => d.startsWith(p)).map(([, t]) => t))].sort()
          const seen = matched(trie, data)
          expect(seen.length).toBe(new Set(seen).size)
          expect(seen.sort()).toEqual(expected)
          visits.set(seen.length, (visits.get(seen.length) ?? 0) + 1)
        } else {
          const expected = pairs
            .filter(([p]) => p === k)
            .map(([, t]) => t)
            .sort()
          const actual = trie.subscribers(unhex(k))
          if (expected.length === 0) expect(actual).toBeUndefined()
          else expect([...(actual ?? [])].sort()).toEqual(expected)
        }
        expect(trie.size).toBe(prefixCount())
        expect(trie.nodeCount).toBeLessThanOrEqual(Math.max(0, 2 * trie.size - 1))
      }
      for (const sub of subscribers) trie.removeSubscriber(sub)
      expect(trie.size).toBe(0)
      expect(trie.nodeCount).toBe(0)
    }
    // Guards the generator itself: matches must reach nobody, one subscriber and several, often.
    expect(visits.get(0)).toBeGreaterThan(100)
    expect(visits.get(1)).toBeGreaterThan(100)
    expect([...visits].filter(([n]) => n >= 2).reduce((sum, [, c]) => sum + c, 0)).toBeGreaterThan(100)
  })
})
