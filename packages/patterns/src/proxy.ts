import { ErrorCode, SocketError } from '@zmtp/core'
import type { Message } from './message.js'
import { Socket } from './socket.js'

/** A socket the proxy can read from. */
interface ReadableSocket {
  receive(): Promise<Message>
  readonly closed: boolean
}

/** A socket the proxy can write to. */
interface WritableSocket {
  send(message: Message): Promise<void>
  readonly closed: boolean
}

type ProxySocket = Partial<ReadableSocket & WritableSocket> & { readonly closed: boolean }

/**
 * Forwards messages between two sockets in both directions, like `zmq_proxy`: Router/Dealer for a
 * request broker, XSubscriber/XPublisher for a pub/sub forwarder (subscriptions flow back upstream),
 * Pull/Push for a pipeline stage. The two sockets may use different transports (tcp:// on one side,
 * ws:// on the other). An optional capture socket gets a copy of everything forwarded.
 *
 * @example
 * ```ts
 * const proxy = new Proxy(new XSubscriber(opts), new XPublisher(opts))
 * await proxy.frontEnd.bind('tcp://*:5555')   // publishers connect here
 * await proxy.backEnd.bind('ws://*:8080/feed') // subscribers connect here
 * await proxy.run()                            // until proxy.terminate()
 * ```
 */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the name zeromq.js users know; import it explicitly
export class Proxy<F extends ProxySocket = ProxySocket, B extends ProxySocket = ProxySocket> {
  #running: Promise<void> | null = null
  #paused: Promise<void> | null = null
  #resume: (() => void) | null = null
  #terminated = false

  constructor(
    readonly frontEnd: F,
    readonly backEnd: B,
    readonly capture?: WritableSocket,
  ) {
    checkSocket(frontEnd, 'Front-end')
    checkSocket(backEnd, 'Back-end')
    if (capture !== undefined) checkCapture(capture)
  }

  /**
   * Forwards until `terminate()` or until a socket closes. Resolves then. Rejects with EINVAL when a
   * socket is closed or neither bound nor connected (it would wait forever), as libzmq's proxy does.
   */
  async run(): Promise<void> {
    if (this.#running) throw new Error('proxy is already running')
    if (this.#terminated) throw new SocketError(ErrorCode.Closed, 'proxy was terminated')
    checkReady(this.frontEnd, 'Front-end')
    checkReady(this.backEnd, 'Back-end')
    const loops: Promise<void>[] = []
    if (this.frontEnd.receive && this.backEnd.send) loops.push(this.#forward(this.frontEnd, this.backEnd))
    if (this.backEnd.receive && this.frontEnd.send) loops.push(this.#forward(this.backEnd, this.frontEnd))
    this.#running = Promise.all(loops).then(() => undefined)
    await this.#running
  }

  /** Stops forwarding until `resume()`; messages wait in the sockets' queues meanwhile. */
  pause(): void {
    if (this.#paused) return
    this.#paused = new Promise((resolve) => (this.#resume = resolve))
  }

  resume(): void {
    this.#resume?.()
    this.#paused = null
    this.#resume = null
  }

  /**
   * Stops forwarding and closes both sockets. Throws ETERM when the proxy is not running or was
   * terminated already (as zeromq.js does).
   */
  terminate(): void {
    if (!this.#running || this.#terminated) {
      throw new SocketError(
        ErrorCode.Closed,
        this.#terminated ? 'proxy already terminated' : 'proxy is not running',
      )
    }
    this.#terminated = true
    this.resume()
    closeSocket(this.frontEnd)
    closeSocket(this.backEnd)
  }

  async #forward(from: ProxySocket, to: ProxySocket): Promise<void> {
    while (!this.#terminated && !from.closed && !to.closed) {
      let message: Message
      try {
        message = await from.receive!()
        if (this.#paused) await this.#paused
        if (this.#terminated) return
        if (this.capture && !this.capture.closed) await this.capture.send(message)
        await to.send!(message)
      } catch (error) {
        if (this.#terminated || from.closed || to.closed) return
        throw error
      }
    }
  }
}

function closeSocket(socket: ProxySocket): void {
  const closable = socket as { close?: () => void }
  closable.close?.()
}

/** A proxy's sockets must be zmtp sockets (a TypeError when not even an object, EINVAL otherwise). */
function checkSocket(socket: unknown, role: string): void {
  if (socket === null || typeof socket !== 'object') throw new TypeError(`${role} must be a socket object`)
  if (!(socket instanceof Socket)) {
    throw new SocketError(ErrorCode.InvalidArgument, `${role} is not a socket of this library`)
  }
}

/**
 * The capture only receives copies, so anything shaped like a writable socket will do (the CLI prints
 * them); it must still be an object with a `send` method, or the first forwarded message would throw.
 */
function checkCapture(capture: unknown): void {
  if (
    capture === null ||
    typeof capture !== 'object' ||
    typeof (capture as { send?: unknown }).send !== 'function'
  ) {
    throw new TypeError('Capture must be a socket object (or an object with a send method)')
  }
}

function checkReady(socket: ProxySocket, role: string): void {
  const endpoints = (socket as unknown as Socket).endpoints
  if (socket.closed || endpoints.length === 0) {
    throw new SocketError(ErrorCode.InvalidArgument, `${role} socket must be bound or connected`)
  }
}
