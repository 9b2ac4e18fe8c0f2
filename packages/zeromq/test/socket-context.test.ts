/**
 * A socket holds its context while open and lets it go once closed, as zeromq.js does; the context
 * still reads back from the closed socket while the program holds it.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import * as zmq from '../src/index.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as (options?: { type: 'major'; execution: 'async' }) => Promise<void>

describe("a socket's context", () => {
  it('stays readable from a closed socket while the program holds it', () => {
    const context = new zmq.Context()
    const socket = new zmq.Dealer({ context })
    socket.close()
    expect(socket.context).toBe(context)
  })

  it('is held by an open socket and released by close()', async () => {
    const make = () => {
      const socket = new zmq.Dealer({ context: new zmq.Context(), linger: 0 })
      return { socket, context: new WeakRef(socket.context) }
    }
    const { socket, context } = make()
    await gc({ type: 'major', execution: 'async' })
    expect(context.deref()).toBeInstanceOf(zmq.Context)
    socket.close()
    await gc({ type: 'major', execution: 'async' })
    expect(context.deref()).toBe(undefined)
    expect(socket.context).toBe(undefined)
  })
})
