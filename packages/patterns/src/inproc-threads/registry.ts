import { claimPending, type InprocBinding, type InprocPeers, type PendingConnect } from '../inproc.js'
import { ProcessHold } from '../lifetime.js'
import { type LinkOwner, ThreadLink } from './thread-link.js'
import type { RegistryMessage } from './wire.js'

/** The process-wide channel every thread's registry listens on. */
export const REGISTRY_CHANNEL = 'zmtp:inproc'

/** Node's BroadcastChannel can stop keeping the event loop alive; the DOM type does not say so. */
interface Refable {
  ref?(): void
  unref?(): void
}

/**
 * The inproc names of all threads of a process, as {@link InprocPeers}: one per thread, over a
 * BroadcastChannel they all open. A thread announces each name it binds, so that a bind of the same name
 * elsewhere fails (as far as the announcement arrived first: two threads binding one name at the same
 * moment can both succeed, and a connecting thread then links to whichever answers first). A connect
 * that finds no binder in its own thread asks the others, and again whenever a thread announces the name;
 * the binder answers with a channel of its own for the new link ({@link ThreadLink}).
 *
 * The channels never keep a thread alive by themselves: an idle worker whose sockets are open exits, as
 * with zeromq.js; a pending send, receive or bind keeps it alive (lifetime.ts).
 */
/**
 * How long, in ms, a connect stopped with messages queued waits for another thread to answer for a name
 * this thread has not heard of, before its queue is dropped as an unbound name's would be.
 */
const DISCOVERY_WAIT = 2000

/** A connect looking for its binder in other threads. */
interface Seek {
  name: string
  request: PendingConnect
  /** Set once the socket stopped the connect with this linger: only its queue still waits to cross. */
  linger?: number
  lingerTimer?: ReturnType<typeof setTimeout>
}

export class ThreadRegistry implements InprocPeers, LinkOwner {
  readonly #thread = randomName()
  readonly #channel = new BroadcastChannel(REGISTRY_CHANNEL)
  /** Names other threads announced, with the threads holding each. */
  readonly #elsewhere = new Map<string, Set<string>>()
  readonly #bindings = new Map<string, InprocBinding>()
  readonly #seeks = new Map<string, Seek>()
  readonly #links = new Set<ThreadLink>()
  #nextSeek = 0
  #nextLink = 0
  /** Stopped connects whose queue still waits for a binder keep the process alive (lifetime.ts). */
  readonly #lingering = new ProcessHold()

  constructor() {
    this.#channel.onmessage = (event: MessageEvent<RegistryMessage>) => this.#onMessage(event.data)
    this.#updateRef()
    this.#post({ t: 'hello', thread: this.#thread })
  }

  boundElsewhere(name: string): boolean {
    return (this.#elsewhere.get(name)?.size ?? 0) > 0
  }

  bound(name: string, binding: InprocBinding): void {
    this.#bindings.set(name, binding)
    this.#post({ t: 'bound', name, thread: this.#thread })
    this.#prune()
  }

  unbound(name: string): void {
    this.#bindings.delete(name)
    this.#post({ t: 'unbound', name, thread: this.#thread })
    this.#updateRef()
  }

  seek(name: string, request: PendingConnect): void {
    const seek = `${this.#thread}/${this.#nextSeek++}`
    this.#seeks.set(seek, { name, request })
    this.#post({ t: 'seek', name, seek, thread: this.#thread })
    this.#updateRef()
  }

  forget(request: PendingConnect, linger: number): boolean {
    const entries = [...this.#seeks].filter(([, entry]) => entry.request === request)
    const name = entries[0]?.[1].name
    const pipe = request.pipe
    if (name === undefined || linger === 0 || pipe === null || pipe.outbound.length === 0) {
      for (const [seek, entry] of entries) this.#drop(seek, entry)
      this.#updateRef()
      return false
    }
    // The queue crosses once a binder's offer comes and the link is made. A thread known to hold the name
    // is waited for as long as the linger allows; otherwise the answer may simply not have come yet (a
    // connect, a send and a close in one turn), so it is waited for a little while.
    for (const [, entry] of entries) entry.linger = linger
    const [seek, entry] = entries[0]!
    const known = this.boundElsewhere(name)
    const wait = known ? linger : Math.min(linger > 0 ? linger : DISCOVERY_WAIT, DISCOVERY_WAIT)
    if (wait > 0) entry.lingerTimer = setTimeout(() => this.#giveUp(seek, entry), wait)
    return true
  }

  adopt(channel: BroadcastChannel): void {
    ;(channel as unknown as Refable).unref?.()
  }

  ended(link: ThreadLink): void {
    this.#links.delete(link)
    for (const binding of this.#bindings.values()) binding.links.delete(link)
    this.#updateRef()
  }

  /**
   * The thread is ending (`process.exit()`, or the end of the process): its peers in other threads are
   * told, as if every socket of this thread had been closed.
   */
  shutdown(): void {
    for (const link of [...this.#links]) link.close()
    for (const name of [...this.#bindings.keys()]) this.unbound(name)
  }

  #onMessage(message: RegistryMessage): void {
    switch (message.t) {
      case 'hello':
        for (const name of this.#bindings.keys()) this.#post({ t: 'bound', name, thread: this.#thread })
        break
      case 'bound': {
        let threads = this.#elsewhere.get(message.name)
        if (!threads) this.#elsewhere.set(message.name, (threads = new Set()))
        threads.add(message.thread)
        this.#prune()
        for (const [seek, entry] of this.#seeks) {
          if (entry.name === message.name) {
            this.#post({ t: 'seek', name: entry.name, seek, thread: this.#thread })
          }
        }
        break
      }
      case 'unbound':
        this.#elsewhere.get(message.name)?.delete(message.thread)
        if (!this.boundElsewhere(message.name)) {
          for (const [seek, entry] of this.#seeks) {
            if (entry.name === message.name && entry.linger !== undefined) this.#giveUp(seek, entry)
          }
        }
        break
      case 'seek':
        this.#offer(message.name, message.seek, message.thread)
        break
      case 'offer':
        if (message.to === this.#thread) this.#take(message.seek, message.link)
        break
    }
  }

  /** Another thread looks for `name`: if a socket here holds it, open a link and offer it. */
  #offer(name: string, seek: string, thread: string): void {
    const binding = this.#bindings.get(name)
    if (!binding || binding.socket.closed) return
    const channel = `${REGISTRY_CHANNEL}/${this.#thread}/${this.#nextLink++}`
    const link = ThreadLink.accept(channel, name, binding, this)
    this.#links.add(link)
    binding.links.add(link)
    this.#post({ t: 'offer', seek, to: thread, link: channel })
    this.#updateRef()
  }

  /** A binder offered a link for one of our seeks: take it if the connect still waits. */
  #take(seek: string, channel: string): void {
    const entry = this.#seeks.get(seek)
    const lingering = entry?.linger !== undefined && entry.request.link === null
    if (!entry || (!lingering && !claimPending(entry.name, entry.request))) {
      ThreadLink.decline(channel)
      return
    }
    // The request is linked now: its other seeks (sent again on later announcements) are void.
    for (const [other, rest] of this.#seeks) if (rest.request === entry.request) this.#drop(other, rest)
    const link = ThreadLink.connect(channel, entry.request, this)
    this.#links.add(link)
    // A stopped connect joins only to let its queue cross, within what is left of its linger.
    if (lingering) link.closeWhenDrained(entry.linger!)
    this.#updateRef()
  }

  /** Drops seeks whose connect was stopped or linked in its own thread meanwhile. */
  #prune(): void {
    for (const [seek, entry] of this.#seeks) {
      const lingering = entry.linger !== undefined && entry.request.link === null
      if ((entry.request.stopped && !lingering) || entry.request.link) this.#drop(seek, entry)
    }
    this.#updateRef()
  }

  #drop(seek: string, entry: Seek): void {
    this.#seeks.delete(seek)
    if (entry.lingerTimer !== undefined) clearTimeout(entry.lingerTimer)
  }

  /** A stopped connect's queue can no longer cross (its linger ran out, or the name went away). */
  #giveUp(seek: string, entry: Seek): void {
    this.#drop(seek, entry)
    for (const [other, rest] of this.#seeks) if (rest.request === entry.request) this.#drop(other, rest)
    if (entry.request.link === null) entry.request.pipe?.terminate()
    this.#updateRef()
  }

  /**
   * The channels never keep a thread alive by themselves, in the main thread as in workers: a socket
   * holds the process while a send, receive or bind is pending (lifetime.ts), and so does a stopped
   * connect whose queue still waits to cross.
   */
  #updateRef(): void {
    ;(this.#channel as unknown as Refable).unref?.()
    let lingering = false
    for (const entry of this.#seeks.values()) if (entry.linger !== undefined) lingering = true
    this.#lingering.set(lingering)
  }

  #post(message: RegistryMessage): void {
    this.#channel.postMessage(message)
  }
}

function randomName(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`
}
