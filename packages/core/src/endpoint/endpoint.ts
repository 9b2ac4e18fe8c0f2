/** A parsed endpoint URL. `parseEndpoint` makes these; `formatEndpoint` prints them back. */
export type Endpoint = TcpEndpoint | IpcEndpoint | InprocEndpoint | WsEndpoint | WebRtcEndpoint

/** `tcp://host:port`. */
export interface TcpEndpoint {
  protocol: 'tcp'
  /** Host name or address without brackets; `*` binds every interface. */
  host: string
  /** Port; 0 when the URL said `*` or `0` (an ephemeral port chosen at bind). */
  port: number
  /** True when the host is an IPv6 address (written in brackets). */
  ipv6: boolean
}

/** `ipc:///path`, `ipc://relative`, or `ipc://@name` for a Linux abstract socket. */
export interface IpcEndpoint {
  protocol: 'ipc'
  /** Filesystem path, or the abstract name without its `@`. */
  path: string
  /** True for `ipc://@name`. */
  abstract: boolean
}

/** `inproc://name`: within one process. */
export interface InprocEndpoint {
  protocol: 'inproc'
  name: string
}

/** `ws://host:port/path` or `wss://host:port/path`. */
export interface WsEndpoint {
  protocol: 'ws' | 'wss'
  host: string
  /** Port; 0 for `*` (ephemeral, bind only). Defaults to 80 / 443 when the URL has none. */
  port: number
  ipv6: boolean
  /** The path, starting with `/`; `/` when the URL has none. */
  path: string
}

/** `webrtc://peer-id`: a peer reached through the transport's signaling. */
export interface WebRtcEndpoint {
  protocol: 'webrtc'
  peerId: string
}
