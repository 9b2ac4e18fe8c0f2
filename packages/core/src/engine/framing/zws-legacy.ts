import { MAX_PROPERTY_VALUE_SIZE } from '../../codec/metadata.js'
import { ErrorCode, ProtocolError } from '../../errors.js'
import { copyBytes, EMPTY } from '../../util/bytes.js'
import { ZwsFraming, zwsFrameFlags } from './zws.js'

/**
 * ZWS 2.0 without a mechanism (the `ZWS2.0` subprotocol, which libzmq and jszmq also offer): no handshake
 * commands; each side's first message is its routing id, and that is the whole handshake.
 * @internal
 */
export class LegacyZwsFraming extends ZwsFraming {
  #peerKnown = false

  override get mechanismName(): string {
    return ''
  }

  override start(): void {
    this.host.output.writeMessage(0, this.settings.routingId ?? EMPTY)
  }

  override receive(message: Uint8Array): void {
    if (this.#peerKnown) {
      super.receive(message)
      return
    }
    const flags = zwsFrameFlags(message, this.settings.maxMessageSize)
    if (flags !== 0) throw new ProtocolError(ErrorCode.MalformedFrame, 'expected the peer routing id first')
    // The same bound as a READY's Identity: libzmq keeps routing ids to 255 octets.
    if (message.length - 1 > MAX_PROPERTY_VALUE_SIZE) {
      throw new ProtocolError(
        ErrorCode.MalformedMetadata,
        `peer routing id of ${message.length - 1} octets exceeds ${MAX_PROPERTY_VALUE_SIZE}`,
      )
    }
    this.#peerKnown = true
    this.host.complete(new Map(), copyBytes(message.subarray(1)))
  }
}
