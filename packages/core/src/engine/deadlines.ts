import { ErrorCode, TimeoutError } from '../errors.js'
import { unrefTimer } from '../util/timers.js'

type TimerHandle = ReturnType<typeof setTimeout>

/** Which deadline passed: picks the error it reports. */
enum Kind {
  Handshake = 0,
  AfterPing = 1,
  PeerTtl = 2,
}

function timeoutError(kind: Kind, ms: number): TimeoutError {
  switch (kind) {
    case Kind.Handshake:
      return new TimeoutError(ErrorCode.HandshakeTimeout, `handshake not finished within ${ms} ms`)
    case Kind.AfterPing:
      return new TimeoutError(ErrorCode.HeartbeatTimeout, `no traffic within ${ms} ms of a PING`)
    case Kind.PeerTtl:
      return new TimeoutError(ErrorCode.HeartbeatTimeout, `peer silent for its TTL of ${ms} ms`)
  }
}

/**
 * The clocks of one connection: the handshake deadline, the heartbeat interval, the wait for traffic after
 * our PING (ZMQ_HEARTBEAT_TIMEOUT) and the peer's announced TTL. A deadline that passes reports a
 * TimeoutError; `stop` ends them all.
 *
 * Each deadline is a one-shot timer that runs at most once at a time (arming it again while it runs
 * changes nothing). They are plain fields, not objects of their own, and the callback of a timer is made
 * when it is armed: an idle connection without heartbeats holds no timer and nothing per deadline.
 * No timer keeps the process alive: the connection's own handle decides that.
 * @internal
 */
export class Deadlines {
  readonly #expired: (error: TimeoutError) => void
  #handshake: TimerHandle | undefined
  #afterPing: TimerHandle | undefined
  #peerTtl: TimerHandle | undefined
  #heartbeat: ReturnType<typeof setInterval> | undefined
  /**
   * Whether a deadline that input meets may be armed (after our PING, or the peer's TTL): while false,
   * the engine skips {@link inputArrived}, which it would otherwise call for every read.
   */
  awaitingInput = false

  constructor(expired: (error: TimeoutError) => void) {
    this.#expired = expired
  }

  /** The greeting and handshake must finish within `ms` (0: no limit). */
  handshakeStarted(ms: number): void {
    if (ms <= 0 || this.#handshake !== undefined) return
    this.#handshake = setTimeout(() => {
      this.#handshake = undefined
      this.#expired(timeoutError(Kind.Handshake, ms))
    }, ms)
    unrefTimer(this.#handshake)
  }

  handshakeDone(): void {
    if (this.#handshake === undefined) return
    clearTimeout(this.#handshake)
    this.#handshake = undefined
  }

  /** Calls `ping` every `ms` (0: never) until `stop`. */
  startHeartbeats(ms: number, ping: () => void): void {
    if (ms <= 0) return
    this.#heartbeat = setInterval(ping, ms)
    unrefTimer(this.#heartbeat)
  }

  /** We sent a PING: something must arrive within `timeout` ms (0: no limit). */
  pingSent(timeout: number): void {
    if (timeout <= 0 || this.#afterPing !== undefined) return
    this.awaitingInput = true
    this.#afterPing = setTimeout(() => {
      this.#afterPing = undefined
      this.#expired(timeoutError(Kind.AfterPing, timeout))
    }, timeout)
    unrefTimer(this.#afterPing)
  }

  /** The peer sent a PING announcing a TTL: it must not stay silent longer than `ttl` ms (0: no limit). */
  peerPinged(ttl: number): void {
    if (ttl <= 0 || this.#peerTtl !== undefined) return
    this.awaitingInput = true
    this.#peerTtl = setTimeout(() => {
      this.#peerTtl = undefined
      this.#expired(timeoutError(Kind.PeerTtl, ttl))
    }, ttl)
    unrefTimer(this.#peerTtl)
  }

  /** Input arrived: the peer is alive, whatever it sent. */
  inputArrived(): void {
    this.awaitingInput = false
    if (this.#afterPing !== undefined) {
      clearTimeout(this.#afterPing)
      this.#afterPing = undefined
    }
    if (this.#peerTtl !== undefined) {
      clearTimeout(this.#peerTtl)
      this.#peerTtl = undefined
    }
  }

  stop(): void {
    this.handshakeDone()
    this.inputArrived()
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat)
    this.#heartbeat = undefined
  }
}
