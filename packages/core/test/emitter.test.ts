import { describe, expect, it } from 'vitest'
import { Emitter } from '../src/util/emitter.js'

type Events = {
  data: (value: number) => void
  close: () => void
}

describe('Emitter', () => {
  it('calls each listener once, in the order added, and reports whether there was any', () => {
    const emitter = new Emitter<Events>()
    const calls: string[] = []
    const first = (value: number) => calls.push(`first ${value}`)
    const second = (value: number) => calls.push(`second ${value}`)
    expect(emitter.emit('data', 0)).toBe(false)
    emitter.on('data', first).on('data', second).on('data', first)
    expect(emitter.listenerCount('data')).toBe(2)
    expect(emitter.emit('data', 1)).toBe(true)
    expect(calls).toEqual(['first 1', 'second 1'])
    expect(emitter.emit('close')).toBe(false)
  })

  it('removes listeners, down to none', () => {
    const emitter = new Emitter<Events>()
    const calls: number[] = []
    const first = (value: number) => calls.push(value)
    const second = (value: number) => calls.push(-value)
    emitter.on('data', first).on('data', second)
    emitter.off('data', first)
    expect(emitter.listenerCount('data')).toBe(1)
    emitter.emit('data', 2)
    emitter.off('data', first)
    emitter.off('data', second)
    expect(emitter.listenerCount('data')).toBe(0)
    expect(emitter.emit('data', 3)).toBe(false)
    expect(calls).toEqual([-2])
  })

  it('keeps the listeners of one emit fixed while listeners come and go during it', () => {
    const emitter = new Emitter<Events>()
    const calls: string[] = []
    const late = () => calls.push('late')
    const second = () => calls.push('second')
    const first = () => {
      calls.push('first')
      emitter.off('close', second)
      emitter.on('close', late)
    }
    emitter.on('close', first).on('close', second)
    emitter.emit('close')
    expect(calls).toEqual(['first', 'second'])
    calls.length = 0
    emitter.emit('close')
    expect(calls).toEqual(['first', 'late'])
  })

  it('calls a once listener a single time, and removes all listeners of one event or of every event', () => {
    const emitter = new Emitter<Events>()
    const calls: number[] = []
    emitter.once('data', (value) => calls.push(value))
    emitter.emit('data', 1)
    emitter.emit('data', 2)
    expect(calls).toEqual([1])
    emitter.on('data', () => calls.push(0)).on('close', () => calls.push(9))
    emitter.removeAllListeners('data')
    expect(emitter.emit('data', 3)).toBe(false)
    expect(emitter.emit('close')).toBe(true)
    emitter.removeAllListeners()
    expect(emitter.emit('close')).toBe(false)
    expect(calls).toEqual([1, 9])
  })
})
