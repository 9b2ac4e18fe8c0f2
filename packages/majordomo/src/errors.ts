/** Stable codes of the errors this package raises. */
export const MajordomoErrorCode = {
  /** Every try of a request timed out. */
  Timeout: 'ERR_MDP_TIMEOUT',
  /** The broker refused the request because the service's queue is at its bound. */
  QueueFull: 'ERR_MDP_QUEUE_FULL',
  /** The request waited in the broker longer than its expiry without a worker for the service. */
  Expired: 'ERR_MDP_EXPIRED',
  /** A peer sent a message that does not follow MDP. */
  Protocol: 'ERR_MDP_PROTOCOL',
  /** The client, worker or broker was closed while the operation was pending. */
  Closed: 'ERR_MDP_CLOSED',
  /** An argument was out of range. */
  InvalidArgument: 'ERR_MDP_INVALID_ARGUMENT',
  /** The request was dropped after its worker died with it too many times. */
  DeadLetter: 'ERR_MDP_DEAD_LETTER',
  /** A Titanic store operation failed or a Titanic reply carried an error status. */
  Titanic: 'ERR_MDP_TITANIC',
} as const

/** One of {@link MajordomoErrorCode}'s values. */
export type MajordomoErrorCode = (typeof MajordomoErrorCode)[keyof typeof MajordomoErrorCode]

/** Base class of every error this package raises; test `code`, which is stable. */
export class MajordomoError extends Error {
  override name = 'MajordomoError'
  readonly code: MajordomoErrorCode
  constructor(code: MajordomoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
  }
}

/** Every try of a request went unanswered; `attempts` tells how many were made, `endpoints` where. */
export class RequestTimeoutError extends MajordomoError {
  override name = 'RequestTimeoutError'
  constructor(
    readonly attempts: number,
    readonly endpoints: readonly string[],
  ) {
    super(MajordomoErrorCode.Timeout, `no reply after ${attempts} tries (${endpoints.join(', ')})`)
  }
}

/**
 * The broker answered with an error instead of forwarding the request: its queue for the service was full
 * (`ERR_MDP_QUEUE_FULL`), the request expired waiting for a worker (`ERR_MDP_EXPIRED`), or workers died
 * holding it more often than the broker's redelivery limit (`ERR_MDP_DEAD_LETTER`).
 */
export class BrokerRejectedError extends MajordomoError {
  override name = 'BrokerRejectedError'
  constructor(
    code:
      | typeof MajordomoErrorCode.QueueFull
      | typeof MajordomoErrorCode.Expired
      | typeof MajordomoErrorCode.DeadLetter,
    readonly service: string,
    detail: string,
  ) {
    super(code, `broker rejected request for '${service}': ${detail}`)
  }
}

/** The operation was cut short by `close()`. */
export class ClosedError extends MajordomoError {
  override name = 'ClosedError'
  constructor(what: string) {
    super(MajordomoErrorCode.Closed, `${what} is closed`)
  }
}
