import { ErrorCode, isCompatible, SocketError } from '@zmtp/core'
import type { InprocBinding, InprocLinkHandle, PendingConnect } from '../inproc.js'
import { holdProcess } from '../lifetime.js'
import type { Message } from '../message.js'
import type { Carrier, Pipe } from '../pipe.js'
import { Deque } from '../util/deque.js'
import { crossable, type LinkMessage, type LinkPeer, linkPeerOf, peerInfoOf } from './wire.js'

/** Most messages posted in one batch, so that a sender with no limit still yields now and then. */
const BATCH = 1024

/** What a link needs from the registry that made it. */
export interface LinkOwner {
  /** Lets `channel` not keep this thread alive by itself (see lifetime.ts). */
  adopt(channel: BroadcastChannel): void
  /** The link is closed. */
  ended(link: ThreadLink): void
}

/**
 * One inproc link between sockets in two threads, over a BroadcastChannel of its own that only its two
 * sides open. Each side's pipe is carried as a same-thread link carries it, with the channel between:
 * messages are posted in batches, and flow is bounded by credit: a side may have at most the other's
 * receive high-water mark of messages in flight, and gets credit back as the other moves them into its
 * queue. So the two queues and the channel hold about what libzmq's inproc pipe pair would.
 */
export class ThreadLink implements Carrier, InprocLinkHandle {
  readonly #channel: BroadcastChannel
  #pipe: Pipe | null = null
  #credit = 0
  readonly #received = new Deque<Message>()
  #closed = false
  #pulling = false
  #onDrained: (() => void) | null = null
  #lingerTimer: ReturnType<typeof setTimeout> | undefined
  /** Lets the process go once a lingering close is over (see lifetime.ts). */
  #releaseLinger: (() => void) | undefined
  /** The connect this side serves, until the binder welcomes it (connecting side only). */
  #request: PendingConnect | null = null
  /** Set when the connecting socket closed before the welcome: drain its queue once joined. */
  #drainOnJoin = false

  private constructor(
    channelName: string,
    readonly owner: LinkOwner,
    onMessage: (link: ThreadLink, message: LinkMessage) => void,
  ) {
    this.#channel = new BroadcastChannel(channelName)
    this.#channel.onmessage = (event: MessageEvent<LinkMessage>) => onMessage(this, event.data)
    owner.adopt(this.#channel)
  }

  /** The binding side of a link offered to another thread: waits for its hello, then joins. */
  static accept(channelName: string, name: string, binding: InprocBinding, owner: LinkOwner): ThreadLink {
    return new ThreadLink(channelName, owner, (link, message) => {
      if (message.t === 'hello') link.#welcome(name, binding, message)
      else if (message.t === 'decline') link.#end()
      else link.#receive(message)
    })
  }

  /** The connecting side: introduces `request`'s socket and joins once welcomed. */
  static connect(channelName: string, request: PendingConnect, owner: LinkOwner): ThreadLink {
    const link = new ThreadLink(channelName, owner, (self, message) => {
      if (message.t === 'welcome') self.#joined(request, message)
      else if (message.t === 'refuse') self.#refused(request, message.reason)
      else self.#receive(message)
    })
    request.link = link
    link.#request = request
    link.#post({ t: 'hello', ...linkPeerOf(request.socket) })
    return link
  }

  /** Tells the binder of an offered link that it is not wanted, without joining anything. */
  static decline(channelName: string): void {
    const channel = new BroadcastChannel(channelName)
    channel.postMessage({ t: 'decline' } satisfies LinkMessage)
    channel.close()
  }

  // --- Carrier -------------------------------------------------------------------------------------

  pull(): void {
    const pipe = this.#pipe
    if (this.#pulling || !pipe || this.#closed) return
    this.#pulling = true
    try {
      // Taking a message can wake senders who write and call pull again: this loop takes theirs too.
      for (;;) {
        const batch: Message[] = []
        while (this.#credit > 0 && batch.length < BATCH) {
          const message = pipe.takeOutbound()
          if (message === undefined) break
          batch.push(message.map(crossable))
          this.#credit--
        }
        if (batch.length === 0) break
        this.#post({ t: 'm', m: batch })
      }
    } finally {
      this.#pulling = false
    }
    if (pipe.outbound.length === 0) this.#onDrained?.()
  }

  sendSubscription(subscribe: boolean, topic: Uint8Array): void {
    if (!this.#closed) this.#post({ t: 's', on: subscribe, topic: crossable(topic) })
  }

  setReading(reading: boolean): void {
    if (reading) this.#deliver()
  }

  /** Our pipe is gone, or the link is being closed: the other side's pipe goes too. */
  close(): void {
    if (this.#closed) return
    this.#post({ t: 'x' })
    this.#end()
  }

  closeWhenDrained(linger: number): void {
    if (this.#closed) return
    // Until the queue has crossed (or the linger ran out), the process stays alive, as zeromq.js's does.
    if (linger !== 0) this.#releaseLinger ??= holdProcess()
    if (linger > 0 && this.#lingerTimer === undefined) {
      this.#lingerTimer = setTimeout(() => this.close(), linger)
    }
    if (linger !== 0 && !this.#pipe && (this.#request?.pipe?.outbound.length ?? 0) > 0) {
      // Not welcomed yet: the handshake crosses threads, so the queue waits for it (within the linger).
      this.#drainOnJoin = true
      return
    }
    if (linger === 0 || !this.#pipe || this.#pipe.outbound.length === 0) {
      this.close()
      return
    }
    this.#onDrained = () => this.close()
  }

  // --- internal -----------------------------------------------------------------------------------

  #welcome(name: string, binding: InprocBinding, hello: LinkPeer): void {
    const binder = binding.socket
    const address = `inproc://${name}`
    if (!isCompatible(hello.type, binder.type)) {
      const reason = `a ${hello.type} socket cannot talk to a ${binder.type} peer`
      const error = new SocketError(ErrorCode.SocketTypeMismatch, reason)
      binder.emit({ type: 'handshake:error:protocol', address, error })
      this.#post({ t: 'refuse', reason })
      this.#end()
      return
    }
    if (binder.closed || !binding.links.has(this) || !binder.acceptsPeer(peerInfoOf(hello))) {
      this.#post({ t: 'refuse' })
      this.#end()
      return
    }
    const pipe = binder.addPipe(address)
    this.#credit = creditOf(hello.window)
    this.#post({ t: 'welcome', ...linkPeerOf(binder) })
    binder.emit({ type: 'accept', address })
    this.#attach(pipe, hello)
    binder.emit(handshakeOf(address))
  }

  #joined(request: PendingConnect, welcome: LinkPeer): void {
    const socket = request.socket
    if (this.#drainOnJoin) {
      // The socket is closing: join only to let its queue cross, then close.
      if (!request.pipe || request.pipe.terminated) {
        this.close()
        return
      }
    } else if (request.stopped || socket.closed || !socket.acceptsPeer(peerInfoOf(welcome), request.pipe)) {
      this.close()
      return
    }
    const pipe = request.pipe ?? socket.addPipe(request.address)
    request.pipe = pipe
    this.#credit = creditOf(welcome.window)
    socket.emit({ type: 'connect', address: request.address })
    this.#attach(pipe, welcome)
    socket.emit(handshakeOf(request.address))
    if (this.#drainOnJoin) this.closeWhenDrained(-1)
  }

  #refused(request: PendingConnect, reason: string | undefined): void {
    if (request.link === this) request.link = null
    if (reason !== undefined) {
      const error = new SocketError(ErrorCode.SocketTypeMismatch, reason)
      request.socket.emit({ type: 'handshake:error:protocol', address: request.address, error })
    }
    this.#end()
  }

  #attach(pipe: Pipe, peer: LinkPeer): void {
    this.#pipe = pipe
    pipe.attach(this, peerInfoOf(peer))
    if (pipe.terminated) this.close()
  }

  #receive(message: LinkMessage): void {
    if (this.#closed) return
    switch (message.t) {
      case 'm':
        for (const m of message.m) this.#received.push(m)
        this.#deliver()
        break
      case 'c':
        this.#credit += message.n
        this.pull()
        break
      case 's':
        this.#pipe?.deliverSubscription(message.on, message.topic)
        break
      case 'x':
        // What arrived before the close is delivered, past the high-water mark if it must be.
        while (this.#received.length > 0 && this.#pipe && !this.#pipe.terminated) {
          this.#pipe.deliver(this.#received.shift()!)
        }
        this.#end()
        break
    }
  }

  /** Moves received messages into the pipe while it has room, and gives the sender that much credit. */
  #deliver(): void {
    const pipe = this.#pipe
    if (!pipe || this.#closed) return
    const hwm = pipe.receiveHighWaterMark
    let moved = 0
    while (
      this.#received.length > 0 &&
      !pipe.terminated &&
      (hwm === 0 || pipe.conflate || pipe.inbound.length < hwm)
    ) {
      pipe.deliver(this.#received.shift()!)
      moved++
    }
    if (moved > 0 && !this.#closed) this.#post({ t: 'c', n: moved })
  }

  #post(message: LinkMessage): void {
    this.#channel.postMessage(message)
  }

  /** Ends this side: the channel closes and our pipe, if any, is terminated. */
  #end(): void {
    if (this.#closed) return
    this.#closed = true
    if (this.#lingerTimer !== undefined) clearTimeout(this.#lingerTimer)
    this.#releaseLinger?.()
    this.#channel.close()
    this.#received.clear()
    this.#pipe?.terminate()
    this.owner.ended(this)
  }
}

/** Credit for a peer's window: its receive high-water mark, where 0 means no limit. */
function creditOf(window: number): number {
  return window > 0 ? window : Number.POSITIVE_INFINITY
}

function handshakeOf(address: string) {
  return { type: 'handshake', address, mechanism: 'NULL', properties: new Map() } as const
}
