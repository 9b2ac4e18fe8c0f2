import { ErrorCode, ProtocolError } from '../errors.js'
import { asciiDecode, asciiWrite, EMPTY, utf8Decode, utf8Encode } from '../util/bytes.js'
import { decodeMetadata, encodeMetadata, MAX_PROPERTY_VALUE_SIZE, type Metadata } from './metadata.js'

/** A decoded command: `[name_len:1][name][data]` in a frame with the COMMAND flag. */
export interface Command {
  name: string
  /** The bytes after the name; a view into the frame. */
  data: Uint8Array
}

/** Command names defined by ZMTP 3.1 and its mechanisms. */
export const CommandName = {
  Ready: 'READY',
  Error: 'ERROR',
  Subscribe: 'SUBSCRIBE',
  Cancel: 'CANCEL',
  Ping: 'PING',
  Pong: 'PONG',
  Hello: 'HELLO',
  Welcome: 'WELCOME',
  Initiate: 'INITIATE',
  Message: 'MESSAGE',
} as const

/** Largest PING context a peer may send and we echo (RFC 37). */
export const MAX_PING_CONTEXT = 16

/** Encodes a command body (without the frame header). */
export function encodeCommand(name: string, data: Uint8Array = EMPTY): Uint8Array {
  if (name.length < 1 || name.length > 255) throw new TypeError(`invalid command name "${name}"`)
  const out = new Uint8Array(1 + name.length + data.length)
  out[0] = name.length
  asciiWrite(name, out, 1)
  out.set(data, 1 + name.length)
  return out
}

/** Decodes a command body. A name length of 0 or longer than the body is a protocol error. */
export function decodeCommand(body: Uint8Array): Command {
  const nameLength = body.length > 0 ? body[0]! : 0
  if (nameLength === 0 || 1 + nameLength > body.length) {
    if (isLibzmqBrokenError(body)) return { name: CommandName.Error, data: body.subarray(5) }
    throw new ProtocolError(
      ErrorCode.MalformedCommand,
      body.length === 0 ? 'empty command frame' : `command name of ${nameLength} octets overruns its frame`,
    )
  }
  return { name: asciiDecode(body, 1, 1 + nameLength), data: body.subarray(1 + nameLength) }
}

/**
 * libzmq 4.3.4 sends the ERROR that refuses a peer (ZAP status 300/400/500) as `5E 'RROR' reason`: in
 * its C source the escape `\x05E` swallowed the name's first letter, so the length octet reads 94. Such
 * a body is too short to hold a 94-octet name, so no well-formed command is ever read this way.
 */
function isLibzmqBrokenError(body: Uint8Array): boolean {
  return body.length >= 5 && body.length < 95 && body[0] === 0x5e && asciiDecode(body, 1, 5) === 'RROR'
}

export function encodeReady(metadata: Iterable<[string, Uint8Array | string]>): Uint8Array {
  return encodeCommand(CommandName.Ready, encodeMetadata(metadata))
}

/**
 * The properties of a READY command. A value above {@link MAX_PROPERTY_VALUE_SIZE} octets (a routing id
 * longer than libzmq allows, say) is refused as MalformedMetadata, so the handshake fails.
 */
export function decodeReady(data: Uint8Array): Metadata {
  return decodeMetadata(data, { maxValueSize: MAX_PROPERTY_VALUE_SIZE })
}

/** ERROR: a reason of at most 255 octets. */
export function encodeError(reason: string): Uint8Array {
  const bytes = utf8Encode(reason).subarray(0, 255)
  const data = new Uint8Array(1 + bytes.length)
  data[0] = bytes.length
  data.set(bytes, 1)
  return encodeCommand(CommandName.Error, data)
}

export function decodeError(data: Uint8Array): string {
  const length = data.length > 0 ? data[0]! : 0
  if (data.length === 0 || 1 + length > data.length) {
    throw new ProtocolError(ErrorCode.MalformedCommand, 'ERROR reason overruns its frame')
  }
  return utf8Decode(data.subarray(1, 1 + length))
}

/** SUBSCRIBE command (ZMTP 3.1); 3.0 peers get the legacy `0x01`+topic data message instead. */
export function encodeSubscribe(topic: Uint8Array): Uint8Array {
  return encodeCommand(CommandName.Subscribe, topic)
}

/** CANCEL command (ZMTP 3.1); 3.0 peers get the legacy `0x00`+topic data message instead. */
export function encodeCancel(topic: Uint8Array): Uint8Array {
  return encodeCommand(CommandName.Cancel, topic)
}

/** Legacy (ZMTP 3.0, ZWS) subscription message body: `0x01`+topic or `0x00`+topic. */
export function encodeSubscriptionMessage(subscribe: boolean, topic: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + topic.length)
  out[0] = subscribe ? 1 : 0
  out.set(topic, 1)
  return out
}

export interface Ping {
  /** Time to live in deciseconds (0 = none). */
  ttl: number
  /** Up to 16 octets the peer must echo in its PONG. */
  context: Uint8Array
}

/** PING: a 2-octet TTL in deciseconds, then up to 16 octets of context. */
export function encodePing(ttl: number, context: Uint8Array = EMPTY): Uint8Array {
  if (context.length > MAX_PING_CONTEXT) throw new TypeError('PING context is longer than 16 octets')
  const data = new Uint8Array(2 + context.length)
  const clamped = Math.max(0, Math.min(0xffff, Math.floor(ttl)))
  data[0] = clamped >>> 8
  data[1] = clamped & 0xff
  data.set(context, 2)
  return encodeCommand(CommandName.Ping, data)
}

/** Decodes PING data. A PING without its 2-octet TTL is malformed (libzmq would read past it). */
export function decodePing(data: Uint8Array): Ping {
  if (data.length < 2) throw new ProtocolError(ErrorCode.MalformedCommand, 'PING without TTL')
  return { ttl: (data[0]! << 8) | data[1]!, context: data.subarray(2, 2 + MAX_PING_CONTEXT) }
}

/** PONG echoing a PING's context (truncated to 16 octets, as libzmq does). */
export function encodePong(context: Uint8Array = EMPTY): Uint8Array {
  return encodeCommand(CommandName.Pong, context.subarray(0, MAX_PING_CONTEXT))
}
