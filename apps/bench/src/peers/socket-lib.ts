/**
 * The few socket operations the benchmark roles need, so that the same role code (and therefore the same
 * JavaScript loop around each call) drives both zmtp and zeromq.js. Their APIs already match closely:
 * zmtp's follows zeromq.js 6.
 */

export type SocketKind =
  | 'Push'
  | 'Pull'
  | 'Request'
  | 'Reply'
  | 'Publisher'
  | 'Subscriber'
  | 'Router'
  | 'Dealer'

export interface SocketSettings {
  sendHighWaterMark?: number
  receiveHighWaterMark?: number
  sendTimeout?: number
  /** CURVE (see curve.ts): the binding side's options, or the connecting side's. */
  curveServer?: boolean
  curveSecretKey?: string
  curvePublicKey?: string
  curveServerKey?: string
}

export interface BenchSocket {
  readonly lastEndpoint?: string | null
  bind(endpoint: string): Promise<void>
  connect(endpoint: string): void
  send(message: Uint8Array | Uint8Array[]): Promise<void>
  receive(): Promise<Uint8Array[]>
  subscribe?(topic?: string): void
  close(): void
}

export interface SocketLib {
  readonly name: string
  create(kind: SocketKind, settings?: SocketSettings): BenchSocket
  /**
   * Whether several `send()` calls may be in flight at once. zeromq.js refuses a second one (EBUSY); zmtp
   * queues them, and reports EAGAIN after `sendTimeout` through a timer, so offering messages one by one
   * would measure the timer rather than the queue.
   */
  readonly concurrentSends: boolean
  /** An error from a send that the queue refused (EAGAIN), as opposed to a real failure. */
  isAgain(error: unknown): boolean
}
