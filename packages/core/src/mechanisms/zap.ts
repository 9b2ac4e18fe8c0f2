/**
 * What a server asks its authenticator about one peer, with the fields of a ZAP request (RFC 27). The
 * same request goes to an in-process hook now and to a libzmq-style handler at `inproc://zeromq.zap.01`
 * once sockets wire one up.
 */
export interface ZapRequest {
  /** The server socket's ZAP domain (`ZMQ_ZAP_DOMAIN`); empty when none is set. */
  domain: string
  /** The peer's address, such as `127.0.0.1` or an IPC path. */
  address: string
  /**
   * The routing id of the server socket itself, as libzmq fills the ZAP "identity" frame
   * (`ZMQ_ROUTING_ID`); empty when it has none.
   */
  routingId: Uint8Array
  /** `PLAIN` or `CURVE`. */
  mechanism: string
  /**
   * PLAIN: `[username, password]`; CURVE: `[client permanent public key]` (32 bytes). Secrets: never log
   * them or put them in an error.
   */
  credentials: Uint8Array[]
}

/** A ZAP status code: 200 lets the peer in; 300 (temporary), 400 (refused) and 500 (internal) refuse it. */
export type ZapStatus = '200' | '300' | '400' | '500'

/** An authenticator's answer, with the fields of a ZAP reply (RFC 27). */
export interface ZapReply {
  status: ZapStatus
  /** Free text for logs, such as `OK` or `unknown key`. */
  statusText?: string
  /** The identity the peer authenticated as; it reaches the application as the peer's `userId`. */
  userId?: string
  /** Properties to attach to the connection; they override the peer's own properties of the same name. */
  metadata?: Iterable<[string, Uint8Array | string]>
}

/** An in-process ZAP handler: decides whether a peer may complete the handshake. */
export type Authenticate = (request: ZapRequest) => ZapReply | Promise<ZapReply>

/** Server-side options shared by PLAIN and CURVE. */
export interface AuthOptions {
  /**
   * Called once per connecting peer, before READY. Without it every peer that completes the handshake is
   * accepted, as libzmq does when no ZAP handler is bound.
   */
  authenticate?: Authenticate
  /** Passed as {@link ZapRequest.domain} (`ZMQ_ZAP_DOMAIN`). */
  zapDomain?: string
}
