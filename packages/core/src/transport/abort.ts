/**
 * What a transport's `dial` rejects with when its signal aborts: the signal's own reason, or an
 * `AbortError` as `fetch` and Node's APIs give.
 */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError')
}
