import { type Metadata, Property } from '../codec/metadata.js'
import { EMPTY, utf8Encode } from '../util/bytes.js'
import type { MechanismContext } from './mechanism.js'
import { refusePeer } from './refuse.js'

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

/** What authentication established about an accepted peer. */
export interface Authenticated {
  userId?: string
  metadata: [string, Uint8Array][]
}

/**
 * Asks `options.authenticate` about a peer. Resolves with the user id and properties when the peer is
 * let in; rejects with an AuthError (`ERR_AUTH_FAILED`) after sending ERROR with the status code when it
 * is not, or when the authenticator fails (then as status 500). Returns the verdict synchronously when
 * there is no authenticator, so that a handshake without one needs no asynchronous step.
 */
export function authenticatePeer(
  context: MechanismContext,
  options: AuthOptions,
  mechanism: string,
  credentials: Uint8Array[],
): Authenticated | Promise<Authenticated> {
  const authenticate = options.authenticate
  if (authenticate === undefined) return { metadata: [] }
  const request: ZapRequest = {
    domain: options.zapDomain ?? '',
    address: context.peerAddress,
    routingId: ownRoutingId(context),
    mechanism,
    credentials,
  }
  return Promise.resolve()
    .then(() => authenticate(request))
    .then(
      (reply) => {
        if (reply?.status !== '200') {
          const status = typeof reply?.status === 'string' ? reply.status.slice(0, 3) : '500'
          throw refusePeer(
            context,
            status,
            `${mechanism} peer refused by the authenticator (status ${status})`,
          )
        }
        return {
          userId: reply.userId,
          metadata: [...(reply.metadata ?? [])].map(([name, value]): [string, Uint8Array] => [
            name,
            typeof value === 'string' ? utf8Encode(value) : value,
          ]),
        }
      },
      (error: unknown) => {
        const refusal = refusePeer(context, '500', `${mechanism} authenticator failed`)
        throw Object.assign(refusal, { cause: error })
      },
    )
}

/**
 * The peer's properties with the authenticator's merged in; the authenticator's win, as in libzmq, so a
 * peer cannot forge what the server vouches for.
 */
export function withAuthMetadata(peer: Metadata, authenticated: Authenticated): Metadata {
  if (authenticated.metadata.length === 0) return peer
  const merged: Metadata = new Map(peer)
  for (const [name, value] of authenticated.metadata) merged.set(name, value)
  return merged
}

function ownRoutingId(context: MechanismContext): Uint8Array {
  for (const [name, value] of context.metadata) {
    if (name === Property.Identity) return typeof value === 'string' ? utf8Encode(value) : value
  }
  return EMPTY
}
