import { CommandName } from '../../codec/command.js'
import { FrameFlags } from '../../codec/frame.js'
import { BOX_TAG_BYTES, type CurveCrypto } from '../../crypto/box.js'
import { ErrorCode, ProtocolError } from '../../errors.js'
import { asciiWrite } from '../../util/bytes.js'
import type { FlagsAndBody } from '../mechanism.js'
import { boxNonce, type NonceCounter, type PeerNonce, SHORT_NONCE_BYTES } from './nonce.js'

/** The flags octet inside a MESSAGE box (libzmq's msg_t flags): more parts follow. */
const INNER_MORE = 0x01
/** The flags octet inside a MESSAGE box: the frame is a command (SUBSCRIBE, PING, ...). */
const INNER_COMMAND = 0x02
/** `[7]MESSAGE` and the short nonce precede the box. */
const NAME_BYTES = 1 + CommandName.Message.length
const HEADER_BYTES = NAME_BYTES + SHORT_NONCE_BYTES
/** The smallest MESSAGE: header, tag and the flags octet. */
const MIN_MESSAGE_BYTES = HEADER_BYTES + BOX_TAG_BYTES + 1

/**
 * Seals and opens the frames of an established CURVE connection. Each frame, data or command, travels as
 * a MESSAGE command body `[7]MESSAGE | short nonce | Box[flags | body]` under the session key. The outer
 * frame carries no flags, as libzmq sends it: libzmq ORs the inner flags into the outer ones, so an outer
 * MORE or COMMAND flag would corrupt what it delivers.
 */
export class CurveTraffic {
  constructor(
    readonly crypto: CurveCrypto,
    readonly sessionKey: Uint8Array,
    /** `CurveZMQMESSAGEC` on the client, `CurveZMQMESSAGES` on the server. */
    readonly sendPrefix: string,
    readonly receivePrefix: string,
    readonly counter: NonceCounter,
    readonly peerNonce: PeerNonce,
  ) {}

  wrap(flags: number, body: Uint8Array): FlagsAndBody {
    const plaintext = new Uint8Array(1 + body.length)
    plaintext[0] =
      (flags & FrameFlags.More ? INNER_MORE : 0) | (flags & FrameFlags.Command ? INNER_COMMAND : 0)
    plaintext.set(body, 1)
    const shortNonce = this.counter.next()
    const box = this.crypto.seal(this.sessionKey, boxNonce(this.sendPrefix, shortNonce), plaintext)
    const message = new Uint8Array(HEADER_BYTES + box.length)
    message[0] = CommandName.Message.length
    asciiWrite(CommandName.Message, message, 1)
    message.set(shortNonce, NAME_BYTES)
    message.set(box, HEADER_BYTES)
    return [0, message]
  }

  unwrap(_flags: number, body: Uint8Array): FlagsAndBody {
    if (!isMessage(body)) {
      throw new ProtocolError(ErrorCode.MalformedCommand, 'CURVE expected a MESSAGE command')
    }
    if (body.length < MIN_MESSAGE_BYTES)
      throw new ProtocolError(ErrorCode.MalformedCommand, 'CURVE MESSAGE is too short')
    // The nonce is checked before the box is opened, as libzmq does: a replay costs no decryption.
    if (!this.peerNonce.advance(body, NAME_BYTES)) {
      throw new ProtocolError(ErrorCode.ReplayedNonce, 'CURVE MESSAGE nonce is not above the previous one')
    }
    const nonce = boxNonce(this.receivePrefix, body.subarray(NAME_BYTES, HEADER_BYTES))
    const plaintext = this.crypto.open(this.sessionKey, nonce, body.subarray(HEADER_BYTES))
    if (plaintext === null) throw new ProtocolError(ErrorCode.DecryptFailed, 'CURVE MESSAGE does not open')
    const inner = plaintext[0]!
    const flags =
      (inner & INNER_MORE ? FrameFlags.More : 0) | (inner & INNER_COMMAND ? FrameFlags.Command : 0)
    return [flags, plaintext.subarray(1)]
  }
}

/** Whether `body` starts with `[7]MESSAGE`. */
function isMessage(body: Uint8Array): boolean {
  if (body.length < NAME_BYTES || body[0] !== CommandName.Message.length) return false
  for (let i = 0; i < CommandName.Message.length; i++) {
    if (body[1 + i] !== CommandName.Message.charCodeAt(i)) return false
  }
  return true
}
