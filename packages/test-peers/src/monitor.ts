/** libzmq monitor events, named as in pyzmq's `zmq.Event` (libzmq's `ZMQ_EVENT_*` without the prefix). */
export type MonitorEventName =
  | 'CONNECTED'
  | 'CONNECT_DELAYED'
  | 'CONNECT_RETRIED'
  | 'LISTENING'
  | 'BIND_FAILED'
  | 'ACCEPTED'
  | 'ACCEPT_FAILED'
  | 'CLOSED'
  | 'CLOSE_FAILED'
  | 'DISCONNECTED'
  | 'MONITOR_STOPPED'
  | 'HANDSHAKE_FAILED_NO_DETAIL'
  | 'HANDSHAKE_SUCCEEDED'
  | 'HANDSHAKE_FAILED_PROTOCOL'
  | 'HANDSHAKE_FAILED_AUTH'

/** One event from a libzmq socket monitor. */
export interface MonitorEvent {
  /** The event's name. */
  event: MonitorEventName
  /**
   * libzmq's event value: a file descriptor for connection events, milliseconds for `CONNECT_RETRIED`,
   * an errno for `*_FAILED` events, a `ZMQ_PROTOCOL_ERROR_*` code for `HANDSHAKE_FAILED_PROTOCOL`.
   */
  value: number
  /** The endpoint the event concerns. */
  endpoint: string
  /**
   * The value's name where it has one: the protocol error without its `PROTOCOL_ERROR_` prefix (e.g.
   * `'ZMTP_MALFORMED_COMMAND_READY'`), or the errno name of a `*_FAILED` event.
   */
  detail?: string
}
