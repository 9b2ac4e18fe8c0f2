import { FrameFlags } from '../../codec/frame.js'
import { ErrorCode, ProtocolError } from '../../errors.js'
import type { FramingHost, FramingSettings, FramingStrategy } from './framing.js'

/**
 * ZWS 2.0 with a mechanism (`ZWS2.0/NULL`): one frame per WebSocket message, a flags octet before the
 * body, no greeting: the mechanism handshake starts at once.
 * @internal
 */
export class ZwsFraming implements FramingStrategy {
  protected readonly host: FramingHost
  protected readonly settings: FramingSettings

  constructor(host: FramingHost, settings: FramingSettings) {
    this.host = host
    this.settings = settings
  }

  get mechanismName(): string {
    return this.settings.mechanism.name
  }

  /** libzmq ignores SUBSCRIBE and CANCEL commands over WebSocket; the data form works everywhere. */
  get subscriptionCommands(): boolean {
    return false
  }

  start(): void {
    // ZWS has no greeting; its peers speak ZMTP 3.1.
    this.host.startHandshake(1)
  }

  receive(message: Uint8Array): void {
    this.host.frame(zwsFrameFlags(message, this.settings.maxMessageSize), message.subarray(1))
  }

  write(flags: number, body: Uint8Array): void {
    this.host.output.writeMessage(zwsFlags(flags), body)
  }
}

/** ZWS 2.0 flags octet (MORE 0x01, COMMAND 0x02) for a frame with the given ZMTP flags. */
export function zwsFlags(zmtpFlags: number): number {
  return (zmtpFlags & FrameFlags.More ? 0x01 : 0) | (zmtpFlags & FrameFlags.Command ? 0x02 : 0)
}

/** Checks one received ZWS message and returns its frame's ZMTP flags; the body follows the flags octet. */
export function zwsFrameFlags(message: Uint8Array, maxSize: number | undefined): number {
  if (message.length === 0) {
    throw new ProtocolError(
      ErrorCode.MalformedFrame,
      'empty WebSocket message (a ZWS frame needs its flags octet)',
    )
  }
  const size = message.length - 1
  if (maxSize !== undefined && size > maxSize) {
    throw new ProtocolError(
      ErrorCode.FrameTooLarge,
      `frame of ${size} octets exceeds the maximum of ${maxSize}`,
    )
  }
  const zws = message[0]!
  return (zws & 0x01 ? FrameFlags.More : 0) | (zws & 0x02 ? FrameFlags.Command : 0)
}
