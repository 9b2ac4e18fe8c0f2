import { ErrorCode } from '@zmtp/core'
import { MAX_SIGNAL_SIZE } from '../defaults.js'
import { SignalingError } from '../errors.js'
import { zmtp } from '../generated/signaling.js'
import type { Signal } from './signaling.js'

const wire = zmtp.signaling

/** A request from a signaling client, decoded. */
export type ClientRequest =
  | { seq: number; kind: 'announce'; id: string }
  | { seq: number; kind: 'withdraw'; id: string }
  | { seq: number; kind: 'signal'; signal: Signal }

/** An answer or a forwarded signal from the server, decoded. */
export type ServerReply =
  | { seq: number; kind: 'ack' }
  | { seq: number; kind: 'failure'; code: string; message: string }
  | { seq: number; kind: 'signal'; signal: Signal }

type WireSignal = zmtp.signaling.Signal.$Properties

function signalToWire(signal: Signal): WireSignal {
  const head = { from: signal.from, to: signal.to, session: signal.session }
  switch (signal.kind) {
    case 'offer':
      return { ...head, offer: { sdp: signal.sdp } }
    case 'answer':
      return { ...head, answer: { sdp: signal.sdp } }
    case 'candidate':
      return { ...head, candidate: { candidate: signal.candidate, sdpMid: signal.sdpMid } }
    case 'bye':
      return { ...head, bye: { reason: signal.reason } }
  }
}

function signalFromWire(message: zmtp.signaling.Signal): Signal {
  const head = { from: message.from, to: message.to, session: message.session }
  switch (message.body) {
    case 'offer':
      return { ...head, kind: 'offer', sdp: message.offer?.sdp ?? '' }
    case 'answer':
      return { ...head, kind: 'answer', sdp: message.answer?.sdp ?? '' }
    case 'candidate':
      return {
        ...head,
        kind: 'candidate',
        candidate: message.candidate?.candidate ?? '',
        sdpMid: message.candidate?.sdpMid ?? '',
      }
    case 'bye':
      return { ...head, kind: 'bye', reason: message.bye?.reason ?? '' }
    default:
      throw new SignalingError(ErrorCode.MalformedFrame, 'a signal with no offer, answer, candidate or bye')
  }
}

/** Refuses what is too large to decode; `what` names the message in the error. */
function checkSize(bytes: Uint8Array, limit: number, what: string): void {
  if (bytes.length > limit) {
    throw new SignalingError(
      ErrorCode.LimitExceeded,
      `${what} of ${bytes.length} octets is over the limit of ${limit}`,
    )
  }
}

/** Runs a protobuf decoder, turning its failures into `ERR_MALFORMED_FRAME`. */
function decoded<T>(what: string, decode: () => T): T {
  try {
    return decode()
  } catch (error) {
    if (error instanceof SignalingError) throw error
    throw new SignalingError(ErrorCode.MalformedFrame, `${what} is not a signaling message`, { cause: error })
  }
}

export function encodeRequest(request: ClientRequest): Uint8Array {
  const { seq } = request
  switch (request.kind) {
    case 'announce':
      return wire.ClientMessage.encode({ seq, announce: { id: request.id } }).finish()
    case 'withdraw':
      return wire.ClientMessage.encode({ seq, withdraw: { id: request.id } }).finish()
    case 'signal':
      return wire.ClientMessage.encode({ seq, signal: signalToWire(request.signal) }).finish()
  }
}

/**
 * Decodes a client's request.
 *
 * @throws {@link SignalingError} `ERR_LIMIT_EXCEEDED` over `limit` octets, `ERR_MALFORMED_FRAME` when unreadable.
 */
export function decodeRequest(bytes: Uint8Array, limit = MAX_SIGNAL_SIZE): ClientRequest {
  checkSize(bytes, limit, 'a signaling request')
  return decoded('the request', () => {
    const message = wire.ClientMessage.decode(bytes)
    const seq = message.seq
    switch (message.body) {
      case 'announce':
        return { seq, kind: 'announce', id: message.announce?.id ?? '' }
      case 'withdraw':
        return { seq, kind: 'withdraw', id: message.withdraw?.id ?? '' }
      case 'signal':
        return { seq, kind: 'signal', signal: signalFromWire(message.signal as zmtp.signaling.Signal) }
      default:
        throw new SignalingError(ErrorCode.MalformedFrame, 'a request with no announce, withdraw or signal')
    }
  })
}

export function encodeReply(reply: ServerReply): Uint8Array {
  const { seq } = reply
  switch (reply.kind) {
    case 'ack':
      return wire.ServerMessage.encode({ seq, ack: {} }).finish()
    case 'failure':
      return wire.ServerMessage.encode({
        seq,
        failure: { code: reply.code, message: reply.message },
      }).finish()
    case 'signal':
      return wire.ServerMessage.encode({ seq, signal: signalToWire(reply.signal) }).finish()
  }
}

/**
 * Decodes what the server sent.
 *
 * @throws {@link SignalingError} `ERR_LIMIT_EXCEEDED` over `limit` octets, `ERR_MALFORMED_FRAME` when unreadable.
 */
export function decodeReply(bytes: Uint8Array, limit = MAX_SIGNAL_SIZE): ServerReply {
  checkSize(bytes, limit, 'a signaling reply')
  return decoded('the reply', () => {
    const message = wire.ServerMessage.decode(bytes)
    const seq = message.seq
    switch (message.body) {
      case 'ack':
        return { seq, kind: 'ack' }
      case 'failure':
        return {
          seq,
          kind: 'failure',
          code: message.failure?.code ?? '',
          message: message.failure?.message ?? '',
        }
      case 'signal':
        return { seq, kind: 'signal', signal: signalFromWire(message.signal as zmtp.signaling.Signal) }
      default:
        throw new SignalingError(ErrorCode.MalformedFrame, 'a reply with no ack, failure or signal')
    }
  })
}
