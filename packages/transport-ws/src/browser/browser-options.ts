/** Options of `ws()` in a browser, where only `connect()` is possible. */
export interface BrowserWsTransportOptions {
  /**
   * `bufferedAmount` above which a connection reports itself full (default 1 MiB). Browsers have no
   * drain event, so a full connection polls until the amount falls below half of this.
   */
  sendBufferSize?: number
  /**
   * Octets of received messages held while the socket's receive queue is full, at most (default 64 MiB).
   * A browser cannot pause a WebSocket; past this the connection closes with `ERR_CONNECTION_CLOSED`
   * rather than grow without bound.
   */
  receiveBufferLimit?: number
}
