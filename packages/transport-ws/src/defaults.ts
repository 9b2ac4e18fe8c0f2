/** Octets queued in a WebSocket above which its connection reports itself full. */
export const DEFAULT_SEND_BUFFER = 1024 * 1024
/** Time allowed for an outgoing HTTP upgrade, in ms. */
export const DEFAULT_OPEN_TIMEOUT = 30_000
/** Octets a browser connection holds while its socket's receive queue is full. */
export const DEFAULT_RECEIVE_BUFFER_LIMIT = 64 * 1024 * 1024
/** Time a client has to send its whole upgrade request to a bound socket, in ms. */
export const DEFAULT_UPGRADE_TIMEOUT = 30_000
