import { ErrorCode, TimeoutError } from '../errors.js'
import { unrefTimer } from '../util/timers.js'

type TimerHandle = ReturnType<typeof setTimeout>

/** A one-shot timer that runs at most once at a time: arming it again while it runs changes nothing. */
class Deadline {
  readonly #expired: (ms: number) => void
  #timer: TimerHandle | undefined

  constructor(expired: (ms: number) => void) {
    this.#expired = expired
  }

  /** Starts the countdown, unless `ms` is not positive or the countdown already runs. */
  arm(ms: number): void {
    if (ms <= 0 || this.#timer !== undefined) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#expired(ms)
    }, ms)
    // The connection's own handle decides whether it keeps the process alive; its clocks never do.
    unrefTimer(this.#timer)
  }

  clear(): void {
    if (this.#timer === undefined) return
    clearTimeout(this.#timer)
    this.#timer = undefined
  }
}

/**
 * The clocks of one connection: the handshake deadline, the heartbeat interval, the wait for traffic after
 * our PING (ZMQ_HEARTBEAT_TIMEOUT) and the peer's announced TTL. A deadline that passes reports a
 * TimeoutError; `stop` ends them all.
 * @internal
 */
export class Deadlines {
  readonly #handshake: Deadline
  readonly #afterPing: Deadline
  readonly #peerTtl: Deadline
  #heartbeat: ReturnType<typeof setInterval> | undefined

  constructor(expired: (error: TimeoutError) => void) {
    this.#handshake = new Deadline((ms) => {
      expired(new TimeoutError(ErrorCode.HandshakeTimeout, `handshake not finished within ${ms} ms`))
    })
    this.#afterPing = new Deadline((ms) => {
      expired(new TimeoutError(ErrorCode.HeartbeatTimeout, `no traffic within ${ms} ms of a PING`))
    })
    this.#peerTtl = new Deadline((ms) => {
      expired(new TimeoutError(ErrorCode.HeartbeatTimeout, `peer silent for its TTL of ${ms} ms`))
    })
  }

  /** The greeting and handshake must finish within `ms` (0: no limit). */
  handshakeStarted(ms: number): void {
    this.#handshake.arm(ms)
  }

  handshakeDone(): void {
    this.#handshake.clear()
  }

  /** Calls `ping` every `ms` (0: never) until `stop`. */
  startHeartbeats(ms: number, ping: () => void): void {
    if (ms <= 0) return
    this.#heartbeat = setInterval(ping, ms)
    unrefTimer(this.#heartbeat)
  }

  /** We sent a PING: something must arrive within `timeout` ms (0: no limit). */
  pingSent(timeout: number): void {
    this.#afterPing.arm(timeout)
  }

  /** The peer sent a PING announcing a TTL: it must not stay silent longer than `ttl` ms (0: no limit). */
  peerPinged(ttl: number): void {
    this.#peerTtl.arm(ttl)
  }

  /** Input arrived: the peer is alive, whatever it sent. */
  inputArrived(): void {
    this.#afterPing.clear()
    this.#peerTtl.clear()
  }

  stop(): void {
    this.#handshake.clear()
    this.#afterPing.clear()
    this.#peerTtl.clear()
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat)
    this.#heartbeat = undefined
  }
}
