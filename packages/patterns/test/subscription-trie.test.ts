import { describe, expect, it } from 'vitest'
import { SubscriptionTrie } from '../src/routing/subscription-trie.js'

import { b, hex, random, s, unhex } from './random.js'

describe('SubscriptionTrie', () => {
  it('starts empty and matches nothing', () => {
    const trie = new SubscriptionTrie()
    expect(trie.size).toBe(0)
    expect(trie.nodeCount).toBe(0)
    expect(trie.matches(s('anything'))).toBe(false)
    expect(trie.matches(b())).toBe(false)
    expect(trie.has(b())).toBe(false)
    expect(trie.prefixes()).toEqual([])
  })

  it('empty prefix matches everything, including empty data', () => {
    const trie = new SubscriptionTrie()
    expect(trie.add(b())).toBe(true)
    expect(trie.has(b())).toBe(true)
    expect(trie.size).toBe(1)
    expect(trie.nodeCount).toBe(0)
    expect(trie.matches(b())).toBe(true)
    expect(trie.matches(b(0x00))).toBe(true)
    expect(trie.matches(s('weather'))).toBe(true)
    expect(trie.prefixes()).toEqual([b()])
    expect(trie.remove(b())).toBe(true)
    expect(trie.matches(s('weather'))).toBe(false)
    expect(trie.size).toBe(0)
  })

  it('matches data that starts with a prefix, not the other way round', () => {
    const trie = new SubscriptionTrie()
    trie.add(s('weather.'))
    expect(trie.matches(s('weather.'))).toBe(true)
    expect(trie.matches(s('weather.10001'))).toBe(true)
    expect(trie.matches(s('weather'))).toBe(false)
    expect(trie.matches(s('weathe.'))).toBe(false)
    expect(trie.matches(s('xweather.'))).toBe(false)
    expect(trie.matches(b())).toBe(false)
    expect(trie.has(s('weather'))).toBe(false)
    expect(trie.has(s('weather.1'))).toBe(false)
  })

  it('keeps a prefix and its extension apart', () => {
    const trie = new SubscriptionTrie()
    expect(trie.add(s('abcdef'))).toBe(true)
    expect(trie.add(s('abc'))).toBe(true)
    expect(trie.add(s('abcxyz'))).toBe(true)
    expect(trie.size).toBe(3)
    expect(trie.has(s('abc'))).toBe(true)
    expect(trie.has(s('ab'))).toBe(false)
    expect(trie.has(s('abcd'))).toBe(false)
    expect(trie.matches(s('abc'))).toBe(true)
    expect(trie.matches(s('abcd'))).toBe(true)

    expect(trie.remove(s('abc'))).toBe(true)
    expect(trie.matches(s('abcd'))).toBe(false)
    expect(trie.matches(s('abcdefg'))).toBe(true)
    expect(trie.matches(s('abcxyz'))).toBe(true)
    expect(trie.matches(s('abcxy'))).toBe(false)

    expect(trie.remove(s('abcdef'))).toBe(true)
    expect(trie.remove(s('abcxyz'))).toBe(true)
    expect(trie.size).toBe(0)
    expect(trie.nodeCount).toBe(0)
  })

  it('handles binary bytes including 0x00 and 0xff', () => {
    const trie = new SubscriptionTrie()
    trie.add(b(0x00))
    trie.add(b(0xff, 0xff))
    trie.add(b(0x00, 0xff, 0x00))
    expect(trie.matches(b(0x00))).toBe(true)
    expect(trie.matches(b(0x00, 0x01))).toBe(true)
    expect(trie.matches(b(0xff))).toBe(false)
    expect(trie.matches(b(0xff, 0xff, 0x00))).toBe(true)
    expect(trie.matches(b(0x01))).toBe(false)
    expect(trie.has(b(0x00, 0xff, 0x00))).toBe(true)
    expect(trie.has(b(0x00, 0xff))).toBe(false)
    expect(trie.remove(b(0x00))).toBe(true)
    expect(trie.matches(b(0x00, 0xff))).toBe(false)
    expect(trie.matches(b(0x00, 0xff, 0x00, 0x7f))).toBe(true)
    expect(trie.prefixes().map(hex).sort()).toEqual(['00ff00', 'ffff'])
  })

  it('counts duplicate adds: two subscribes need two unsubscribes', () => {
    const trie = new SubscriptionTrie()
    expect(trie.add(s('A'))).toBe(true)
    expect(trie.add(s('A'))).toBe(false)
    expect(trie.add(s('A'))).toBe(false)
    expect(trie.size).toBe(1)
    expect(trie.prefixes()).toEqual([s('A')])
    expect(trie.remove(s('A'))).toBe(false)
    expect(trie.remove(s('A'))).toBe(false)
    expect(trie.has(s('A'))).toBe(true)
    expect(trie.matches(s('AB'))).toBe(true)
    expect(trie.remove(s('A'))).toBe(true)
    expect(trie.has(s('A'))).toBe(false)
    expect(trie.remove(s('A'))).toBe(false)
    expect(trie.size).toBe(0)
  })

  it('returns false when removing something never added', () => {
    const trie = new SubscriptionTrie()
    expect(trie.remove(s('nope'))).toBe(false)
    expect(trie.remove(b())).toBe(false)
    trie.add(s('abcd'))
    // An inner branch point, a proper prefix and an extension: none of them is stored.
    trie.add(s('abxy'))
    expect(trie.remove(s('ab'))).toBe(false)
    expect(trie.remove(s('abc'))).toBe(false)
    expect(trie.remove(s('abcde'))).toBe(false)
    expect(trie.remove(b())).toBe(false)
    expect(trie.size).toBe(2)
    expect(trie.has(s('abcd'))).toBe(true)
    expect(trie.has(s('abxy'))).toBe(true)
  })

  it('does not keep a reference to the caller buffer', () => {
    const trie = new SubscriptionTrie()
    const network = s('topic-and-more-bytes')
    const view = network.subarray(0, 5)
    trie.add(view)
    network.fill(0x21)
    expect(trie.has(s('topic'))).toBe(true)
    expect(trie.matches(s('topic!'))).toBe(true)
    expect(trie.matches(s('!!!!!!'))).toBe(false)

    const out = trie.prefixes()
    out[0].fill(0)
    expect(trie.has(s('topic'))).toBe(true)
  })

  it('prunes nodes when prefixes go away', () => {
    const trie = new SubscriptionTrie()
    const topics = ['a', 'ab', 'abc', 'abd', 'b', 'ba', 'weather.1', 'weather.2', 'weather.22', '']
    for (const t of topics) trie.add(s(t))
    expect(trie.size).toBe(topics.length)
    expect(trie.nodeCount).toBeGreaterThan(0)
    expect(trie.nodeCount).toBeLessThan(2 * trie.size)
    for (const t of topics) expect(trie.remove(s(t))).toBe(true)
    expect(trie.size).toBe(0)
    expect(trie.nodeCount).toBe(0)
    expect(trie.matches(s('abc'))).toBe(false)
  })

  it('does not grow with churn', () => {
    const trie = new SubscriptionTrie()
    trie.add(s('keep'))
    const base = trie.nodeCount
    for (let i = 0; i < 1000; i++) {
      trie.add(s(`churn.${i}`))
      trie.add(s(`kee${i}`))
      trie.remove(s(`churn.${i}`))
      trie.remove(s(`kee${i}`))
    }
    expect(trie.nodeCount).toBe(base)
    expect(trie.size).toBe(1)
  })

  it('lists prefixes as copies, shorter before longer', () => {
    const trie = new SubscriptionTrie()
    trie.add(s('abc'))
    trie.add(s('a'))
    trie.add(s('abc'))
    trie.add(s('b'))
    const list = trie.prefixes().map((p) => new TextDecoder().decode(p))
    expect([...list].sort()).toEqual(['a', 'abc', 'b'])
    expect(list.indexOf('a')).toBeLessThan(list.indexOf('abc'))
  })

  it('clear forgets everything, counts included', () => {
    const trie = new SubscriptionTrie()
    trie.add(s('x'))
    trie.add(s('x'))
    trie.add(b())
    trie.clear()
    expect(trie.size).toBe(0)
    expect(trie.nodeCount).toBe(0)
    expect(trie.matches(s('x'))).toBe(false)
    expect(trie.add(s('x'))).toBe(true)
    expect(trie.remove(s('x'))).toBe(true)
  })

  it('agrees with a naive model over random operations', () => {
    const next = random(0x5eed)
    const alphabet = [0x00, 0x01, 0x02, 0x7f, 0x80, 0xff]
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]
    const randomBytes = (minLength: number, maxLength: number) =>
      Uint8Array.from({ length: minLength + Math.floor(next() * (maxLength - minLength + 1)) }, () =>
        pick(alphabet),
      )
    const concat = (a: Uint8Array, c: Uint8Array) => Uint8Array.from([...a, ...c])
    const isPrefix = (prefix: string, data: string) => data.startsWith(prefix)

    const outcomes = { hit: 0, miss: 0 }
    for (let round = 0; round < 5; round++) {
      const trie = new SubscriptionTrie()
      const model = new Map<string, number>()
      // Reusing stored keys makes removals and deep matches hit often; fresh keys cover misses and splits.
      const someKey = () => {
        if (model.size > 0 && next() < 0.6) return unhex(pick([...model.keys()]))
        // The empty prefix matches everything, so keep it rare or it would mask every other outcome.
        return next() < 0.02 ? new Uint8Array(0) : randomBytes(1, 5)
      }
      for (let op = 0; op < 2000; op++) {
        const roll = next()
        if (roll < 0.4) {
          const key = next() < 0.3 ? someKey() : randomBytes(1, 5)
          const k = hex(key)
          const count = model.get(k) ?? 0
          model.set(k, count + 1)
          expect(trie.add(key)).toBe(count === 0)
        } else if (roll < 0.8) {
          const key = someKey()
          const k = hex(key)
          const count = model.get(k) ?? 0
          if (count > 1) model.set(k, count - 1)
          else model.delete(k)
          expect(trie.remove(key)).toBe(count === 1)
        } else if (roll < 0.95) {
          const data = next() < 0.5 ? concat(someKey(), randomBytes(0, 3)) : randomBytes(0, 7)
          const d = hex(data)
          const expected = [...model.keys()].some((p) => isPrefix(p, d))
          expect(trie.matches(data)).toBe(expected)
          outcomes[expected ? 'hit' : 'miss']++
          expect(trie.has(data)).toBe(model.has(d))
        } else {
          expect(trie.prefixes().map(hex).sort()).toEqual([...model.keys()].sort())
        }
        expect(trie.size).toBe(model.size)
        expect(trie.nodeCount).toBeLessThanOrEqual(Math.max(0, 2 * trie.size - 1))
      }
      // Drain whatever is left so pruning is checked from a populated state back to nothing.
      for (const [k, count] of model) {
        const key = unhex(k)
        for (let i = 1; i <= count; i++) expect(trie.remove(key)).toBe(i === count)
      }
      expect(trie.size).toBe(0)
      expect(trie.nodeCount).toBe(0)
    }
    // Guards the generator itself: both answers must be exercised often.
    expect(outcomes.hit).toBeGreaterThan(200)
    expect(outcomes.miss).toBeGreaterThan(200)
  })
})
