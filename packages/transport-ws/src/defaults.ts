/** Octets queued in a WebSocket above which its connection reports itself full. */
export const DEFAULT_SEND_BUFFER = 1024 * 1024
/** Time allowed for an outgoing HTTP upgrade, in ms. */
export const DEFAULT_OPEN_TIMEOUT = 30_000
/** Octets a browser connection holds while its socket's receive queue is full. */
export const DEFAULT_RECEIVE_BUFFER_LIMIT = 64 * 1024 * 1024
