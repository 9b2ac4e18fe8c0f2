import { type Metadata, Property } from '../codec/metadata.js'
import { ProtocolError } from '../errors.js'
import { EMPTY, utf8Encode } from '../util/bytes.js'
import type { MechanismContext } from './mechanism.js'
import { refusePeer } from './refuse.js'
import type { AuthOptions, ZapRequest } from './zap.js'

/** What authentication established about an accepted peer. */
export interface Authenticated {
  userId?: string
  metadata: [string, Uint8Array][]
}

/**
 * Asks `options.authenticate` about a peer. Resolves with the user id and properties when the peer is
 * let in; rejects with an AuthError (`ERR_AUTH_FAILED`) after sending ERROR with the status code when it
 * is not, or when the authenticator fails (then as status 500); a ProtocolError with an `ERR_ZAP_*` code
 * from the authenticator (a broken ZAP exchange) is rethrown as it is, without ERROR. Returns the verdict synchronously when
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
        // A broken ZAP exchange (a malformed reply...) ends the handshake as that protocol error,
        // without ERROR, as libzmq reports it (HANDSHAKE_FAILED_PROTOCOL with a ZAP code).
        if (error instanceof ProtocolError && error.code.startsWith('ERR_ZAP_')) throw error
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
