/**
 * A small typed event emitter. Core and patterns must run in browsers, so Node's `EventEmitter`
 * is not an option; this is the part of it we need.
 */

// biome-ignore lint/suspicious/noExplicitAny: listener argument lists are checked per event map
export type EventMap = Record<string, (...args: any[]) => void>

// biome-ignore lint/suspicious/noExplicitAny: stored listeners are called with whatever emit was given
type Listener = (...args: any[]) => void

export class Emitter<Events extends EventMap> {
  /**
   * Event names and their listeners, alternating: name, entry, name, entry. An entry is the one listener
   * itself, or an array of several that is replaced, never changed, when one comes or goes: `emit` walks
   * it without a copy, and a listener added or removed during an emit counts from the next one. A
   * connection has three events with one listener each: a Map of Sets kept about 680 bytes for them per
   * connection, this array about 80.
   */
  #entries: unknown[] = []

  on<K extends keyof Events>(event: K, listener: Events[K]): this {
    const listeners = this.#listeners(event)
    if (!listeners.includes(listener)) this.#set(event, listeners.concat(listener))
    return this
  }

  off<K extends keyof Events>(event: K, listener: Events[K]): this {
    const listeners = this.#listeners(event)
    if (listeners.includes(listener))
      this.#set(
        event,
        listeners.filter((other) => other !== listener),
      )
    return this
  }

  once<K extends keyof Events>(event: K, listener: Events[K]): this {
    const wrapper = ((...args: Parameters<Events[K]>) => {
      this.off(event, wrapper)
      listener(...args)
    }) as Events[K]
    return this.on(event, wrapper)
  }

  /** Calls every listener of `event`; returns whether there was any. */
  emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): boolean {
    const entries = this.#entries
    // Names are strings and entries never are, so a name is found only where a name is.
    const at = entries.indexOf(event)
    if (at < 0) return false
    const entry = entries[at + 1] as Listener | Listener[]
    if (typeof entry === 'function') entry(...args)
    else for (const listener of entry) listener(...args)
    return true
  }

  listenerCount(event: keyof Events): number {
    return this.#listeners(event).length
  }

  removeAllListeners(event?: keyof Events): this {
    if (event === undefined) this.#entries = []
    else this.#set(event, [])
    return this
  }

  #listeners(event: keyof Events): Listener[] {
    const entries = this.#entries
    const at = entries.indexOf(event)
    if (at < 0) return []
    const entry = entries[at + 1] as Listener | Listener[]
    return typeof entry === 'function' ? [entry] : entry
  }

  #set(event: keyof Events, listeners: Listener[]): void {
    const entries = this.#entries
    const at = entries.indexOf(event)
    if (listeners.length === 0) {
      if (at >= 0) this.#entries = entries.filter((_, index) => index !== at && index !== at + 1)
    } else {
      const entry = listeners.length === 1 ? listeners[0] : listeners
      if (at >= 0) entries[at + 1] = entry
      else this.#entries = entries.concat([event, entry])
    }
  }
}
