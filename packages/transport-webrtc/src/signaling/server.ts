import { ErrorCode, isZmtpError, ZmtpError } from '@zmtp/core'
import { MAX_SIGNAL_SIZE } from '../defaults.js'
import { isPeerId } from '../endpoint.js'
import { SignalingError } from '../errors.js'
import { type ClientRequest, decodeRequest, encodeReply } from './codec.js'

/**
 * What {@link serveSignaling} needs of a zmtp `Router` (structurally, so this package does not depend on
 * `@zmtp/patterns`): `[routingId, body]` messages in and out.
 */
export interface SignalingRouter {
  send(message: Uint8Array[]): Promise<void>
  receive(): Promise<Uint8Array[]>
}

export interface SignalingServerOptions {
  /** Largest request accepted, in octets; larger ones are refused with `ERR_LIMIT_EXCEEDED`. Default 64 KiB. */
  maxMessageSize?: number
  /** Called for every request refused (malformed, oversized, to an unknown id...). Logging only. */
  onRefused?(error: SignalingError): void
}

/** A running signaling service. */
export interface SignalingService {
  /** The peer ids announced right now. */
  ids(): string[]
  /** Resolves when the service stops: when its Router closes. */
  readonly done: Promise<void>
}

/** Routing ids as map keys. */
function keyOf(routingId: Uint8Array): string {
  let key = ''
  for (const byte of routingId) key += String.fromCharCode(byte)
  return key
}

/**
 * Serves the reference signaling protocol on a Router: peers announce ids and forward offers, answers,
 * candidates and byes to announced ids. Each bad request (not protobuf, over the size limit, from an id
 * the sender did not announce, to an id nobody announced) gets a failure answer with a stable code and
 * disturbs no other peer. An id announced again by another client moves to it (a reloaded page comes
 * back under its id); ids are names, not secrets.
 *
 * @example
 * ```ts
 * const router = new Router({ transports: [tcp(), ws()] })
 * await router.bind('ws://127.0.0.1:8090')
 * serveSignaling(router)
 * ```
 */
export function serveSignaling(
  router: SignalingRouter,
  options: SignalingServerOptions = {},
): SignalingService {
  const limit = options.maxMessageSize ?? MAX_SIGNAL_SIZE
  /** Peer id to the routing id of the client that announced it. */
  const owners = new Map<string, Uint8Array>()

  const answer = (to: Uint8Array, seq: number, error?: SignalingError) =>
    router.send([
      to,
      encodeReply(
        error ? { seq, kind: 'failure', code: error.code, message: error.message } : { seq, kind: 'ack' },
      ),
    ])

  const ownedBy = (id: string, client: Uint8Array) => {
    const owner = owners.get(id)
    return owner !== undefined && keyOf(owner) === keyOf(client)
  }

  const handle = async (client: Uint8Array, request: ClientRequest) => {
    switch (request.kind) {
      case 'announce':
        if (!isPeerId(request.id))
          throw new SignalingError(ErrorCode.InvalidArgument, `"${request.id}" is not a valid peer id`)
        owners.set(request.id, client)
        return
      case 'withdraw':
        if (ownedBy(request.id, client)) owners.delete(request.id)
        return
      case 'signal': {
        const { signal } = request
        if (!ownedBy(signal.from, client)) {
          throw new SignalingError(
            ErrorCode.Forbidden,
            `webrtc://${signal.from} is not announced by this client`,
          )
        }
        const owner = owners.get(signal.to)
        if (!owner)
          throw new SignalingError(ErrorCode.HostUnreachable, `no peer announced webrtc://${signal.to}`)
        await router.send([owner, encodeReply({ seq: 0, kind: 'signal', signal })])
      }
    }
  }

  const serve = async () => {
    for (;;) {
      let message: Uint8Array[]
      try {
        message = await router.receive()
      } catch (error) {
        if (isZmtpError(error, ErrorCode.Closed)) return
        throw error
      }
      const client = message[0]!
      let seq = 0
      try {
        if (message.length !== 2) {
          throw new SignalingError(
            ErrorCode.MalformedFrame,
            `a request of ${message.length - 1} frames (one expected)`,
          )
        }
        const request = decodeRequest(message[1]!, limit)
        seq = request.seq
        await handle(client, request)
        await answer(client, seq)
      } catch (error) {
        const refusal =
          error instanceof SignalingError
            ? error
            : new SignalingError(
                error instanceof ZmtpError ? error.code : ErrorCode.InvalidArgument,
                error instanceof Error ? error.message : String(error),
              )
        options.onRefused?.(refusal)
        await answer(client, seq, refusal).catch(() => {})
      }
    }
  }

  return { ids: () => [...owners.keys()], done: serve() }
}
