import { describe, expect, it } from 'vitest'
import { wsClientKind } from '../src/runtime.js'

describe('wsClientKind', () => {
  it('keeps the ws package in Node', () => {
    expect(wsClientKind()).toBe('ws-package')
    expect(wsClientKind({})).toBe('ws-package')
  })

  it("uses the runtime's own WebSocket under Bun, where the ws client cannot negotiate ZWS", () => {
    // Node 20 has no global WebSocket; give the check one, as Bun has.
    const saved = (globalThis as { WebSocket?: unknown }).WebSocket
    ;(globalThis as { WebSocket?: unknown }).WebSocket ??= class {}
    try {
      expect(wsClientKind({ Bun: { version: '1.4.4' } })).toBe('global-websocket')
    } finally {
      ;(globalThis as { WebSocket?: unknown }).WebSocket = saved
    }
  })
})
