import { describe, expect, it } from 'vitest'
import { RoutingKeys, routingKey } from '../src/routing/routing-key.js'

describe('routingKey', () => {
  it('maps each octet to one character, so distinct ids give distinct keys', () => {
    expect(routingKey(new Uint8Array([]))).toBe('')
    expect(routingKey(new Uint8Array([0, 1, 0xff]))).toBe('\u0000\u0001\u00ff')
    expect(routingKey(new Uint8Array([0x80, 0x9f]))).not.toBe(routingKey(new Uint8Array([0x80, 0x9e])))
  })

  it('converts ids longer than one slice in full, octet for octet', () => {
    const id = new Uint8Array(10_000 + 7)
    for (let i = 0; i < id.length; i++) id[i] = (i * 31) & 0xff
    const key = routingKey(id)
    expect(key.length).toBe(id.length)
    for (let i = 0; i < id.length; i += 997) expect(key.charCodeAt(i)).toBe(id[i])
    expect(key.charCodeAt(id.length - 1)).toBe(id[id.length - 1])
  })

  it('handles a 16 MiB id (a hostile Identity) without quadratic growth', () => {
    // Built one character at a time, this took seconds and hundreds of MiB; sliced it is one pass.
    const id = new Uint8Array(16 * 1024 * 1024).fill(0x41)
    expect(routingKey(id).length).toBe(id.length)
  })
})

describe('RoutingKeys', () => {
  it('caches the key of a remembered id object and computes others afresh', () => {
    const keys = new RoutingKeys()
    const owned = new Uint8Array([1, 2, 3])
    expect(keys.remember(owned)).toBe('\u0001\u0002\u0003')
    expect(keys.of(owned)).toBe('\u0001\u0002\u0003')
    expect(keys.of(new Uint8Array([1, 2, 3]))).toBe('\u0001\u0002\u0003')
    expect(keys.of(new Uint8Array([4]))).toBe('\u0004')
  })
})
