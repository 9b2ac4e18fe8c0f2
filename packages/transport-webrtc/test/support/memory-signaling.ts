import { ErrorCode } from '@zmtp/core'
import { type Announcement, type Signal, type Signaling, SignalingError } from '../../src/index.js'

/**
 * Test-only: a signaling hub inside one process, with the same refusals as the reference server
 * (unknown id, id not ours, id taken). It lets this package's tests run without `@zmtp/patterns` (which
 * depends on this package's build for its own tests); the reference server is tested in
 * `@zmtp/webrtc-signal` and `@zmtp/patterns`.
 */
export class MemoryHub {
  readonly #peers = new Map<string, (signal: Signal) => void>()

  client(): Signaling {
    const mine = new Set<string>()
    return {
      announce: async (id: string, onSignal: (signal: Signal) => void): Promise<Announcement> => {
        if (this.#peers.has(id)) throw new SignalingError(ErrorCode.AddressInUse, `${id} is taken`)
        this.#peers.set(id, onSignal)
        mine.add(id)
        return {
          id,
          close: async () => {
            if (this.#peers.get(id) === onSignal) this.#peers.delete(id)
            mine.delete(id)
          },
        }
      },
      send: async (signal: Signal) => {
        if (!mine.has(signal.from))
          throw new SignalingError(ErrorCode.Forbidden, `${signal.from} is not ours`)
        const to = this.#peers.get(signal.to)
        if (!to) throw new SignalingError(ErrorCode.HostUnreachable, `nobody announced ${signal.to}`)
        // Asynchronous, as over a network, and in order.
        queueMicrotask(() => to(structuredClone(signal)))
      },
    }
  }

  get size(): number {
    return this.#peers.size
  }
}
