import {
  AuthError,
  decodeMetadata,
  ErrorCode,
  type MultipartBudget,
  ProtocolError,
  utf8Decode,
  utf8Encode,
  type ZapReply,
  type ZapRequest,
  type ZapStatus,
} from '@zmtp/core'
import type { SocketHost } from '../host.js'
import { connectInproc, isInprocBound } from '../inproc.js'
import type { Message } from '../message.js'
import type { ResolvedOptions } from '../options.js'
import { Pipe } from '../pipe.js'

/**
 * libzmq's ZAP convention (RFC 27): a handler bound at `inproc://zeromq.zap.01` in the process answers
 * every server socket's authentication requests. Each request goes over its own inproc pipe, as libzmq
 * gives each session its own, so a Reply socket (or a Router) serves many at once and a reply can only
 * reach the request it answers.
 */

/** The name libzmq's handlers bind, without the scheme. */
export const ZAP_ENDPOINT = 'zeromq.zap.01'

const ZAP_VERSION = '1.0'
const STATUSES: readonly string[] = ['200', '300', '400', '500']
let nextRequestId = 1

/** Whether a ZAP handler is bound at `inproc://zeromq.zap.01` now. */
export function inprocZapBound(): boolean {
  return isInprocBound(ZAP_ENDPOINT)
}

/**
 * Asks the handler at `inproc://zeromq.zap.01`. Resolves with its reply; rejects with an AuthError when
 * it is gone before answering (the mechanism then refuses the peer with status 500), and with a
 * ProtocolError (`ERR_ZAP_*`) when it answers something that is not a ZAP reply to this request.
 */
export function askInprocZap(request: ZapRequest): Promise<ZapReply> {
  const requestId = String(nextRequestId++)
  return new Promise<ZapReply>((resolve, reject) => {
    let pipe: Pipe | null = null
    const finish = (): void => connection.stop(0)
    const host = zapClientHost((address) => {
      pipe = new Pipe(
        {
          readActivated: (p) => {
            const reply = p.read()
            if (reply === undefined) return
            // Settled before the pipe goes, so that its termination is not taken for the handler's.
            try {
              resolve(parseReply(reply, requestId))
            } catch (error) {
              reject(error)
            }
            finish()
          },
          terminated: () => reject(new AuthError(ErrorCode.AuthFailed, 'the ZAP handler went away')),
          writeActivated: () => {},
          subscription: () => {},
          connected: () => {},
        },
        0,
        0,
        address,
      )
      return pipe
    })
    const connection = connectInproc(ZAP_ENDPOINT, host, `inproc://${ZAP_ENDPOINT}`)
    const created = pipe as Pipe | null
    if (created === null || !created.write(requestFrames(request, requestId))) {
      finish()
      reject(new AuthError(ErrorCode.AuthFailed, 'the ZAP handler cannot take requests'))
    }
  })
}

/** The request as RFC 27 frames, behind the empty delimiter a Reply socket expects. */
function requestFrames(request: ZapRequest, requestId: string): Message {
  return [
    new Uint8Array(0),
    utf8Encode(ZAP_VERSION),
    utf8Encode(requestId),
    utf8Encode(request.domain),
    utf8Encode(request.address),
    request.routingId,
    utf8Encode(request.mechanism),
    ...request.credentials,
  ]
}

/**
 * Reads a reply: delimiter, version, request id, status code, status text, user id, metadata. A reply
 * that is not one fails with the ZAP protocol error libzmq reports for it (checked in libzmq's order),
 * which ends the handshake as a protocol error.
 */
function parseReply(frames: Message, requestId: string): ZapReply {
  const [delimiter, version, id, status, text, userId, metadata] = frames
  if (frames.length !== 7 || delimiter?.length !== 0) {
    throw zapError(
      ErrorCode.ZapMalformedReply,
      `a reply of ${frames.length} frames, not 7 behind an empty one`,
    )
  }
  if (utf8Decode(version!) !== ZAP_VERSION) {
    throw zapError(ErrorCode.ZapBadVersion, `version "${utf8Decode(version!)}", not "${ZAP_VERSION}"`)
  }
  if (utf8Decode(id!) !== requestId) {
    throw zapError(ErrorCode.ZapBadRequestId, 'a reply to another request')
  }
  const code = utf8Decode(status!)
  if (!STATUSES.includes(code)) {
    throw zapError(ErrorCode.ZapInvalidStatusCode, `status code "${code}"`)
  }
  return {
    status: code as ZapStatus,
    statusText: utf8Decode(text!),
    userId: utf8Decode(userId!),
    metadata: decodeMetadata(metadata!),
  }
}

function zapError(code: ErrorCode, what: string): ProtocolError {
  return new ProtocolError(code, `the ZAP handler at inproc://${ZAP_ENDPOINT} sent ${what}`)
}

/** The side of the pipe a ZAP request travels on, as an inproc Dealer with no socket around it. */
function zapClientHost(makePipe: (address: string) => Pipe): SocketHost {
  const options = { routingId: undefined, immediate: false } as unknown as ResolvedOptions
  const budget: MultipartBudget = { limit: Number.POSITIVE_INFINITY, used: 0 }
  return {
    type: 'DEALER',
    options,
    multipartBudget: budget,
    closed: false,
    addPipe: makePipe,
    acceptsPeer: () => true,
    emit: () => {},
  }
}
