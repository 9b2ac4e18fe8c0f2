/** Test helpers shared by the data-structure tests: byte shorthands and a seeded generator. */

export const b = (...bytes: number[]) => Uint8Array.from(bytes)
export const s = (text: string) => new TextEncoder().encode(text)
export const hex = (bytes: Uint8Array) => Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('')
export const unhex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (x) => Number.parseInt(x, 16))

/** mulberry32: a tiny seeded generator so randomized runs are reproducible. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
