import {
  encodeCommandFrame,
  encodeFrame,
  encodeGreeting,
  encodePing,
  encodeReady,
  FrameFlags,
  Property,
} from '@zmtp/core'

/**
 * What attackers put on the wire, in both framings: ZMTP over tcp (greeting, then frames) and ZWS 2.0
 * over ws (one WebSocket message per frame: a flags octet, 0x01 MORE and 0x02 COMMAND, then the body).
 */
export type Framing = 'tcp' | 'ws'

const EMPTY = new Uint8Array(0)

/** The READY of a DEALER announcing `identity`, as a ZMTP frame body (command name and properties). */
function dealerReady(identity: Uint8Array): Uint8Array {
  return encodeReady([
    [Property.SocketType, 'DEALER'],
    [Property.Identity, identity],
  ])
}

/** A data frame. */
export function dataFrame(framing: Framing, body: Uint8Array, more = false): Uint8Array {
  if (framing === 'tcp') return encodeFrame(more ? FrameFlags.More : 0, body)
  const message = new Uint8Array(1 + body.length)
  message[0] = more ? 0x01 : 0x00
  message.set(body, 1)
  return message
}

/** A command frame from its body (name and data). */
export function commandFrame(framing: Framing, body: Uint8Array): Uint8Array {
  if (framing === 'tcp') return encodeCommandFrame(body)
  const message = new Uint8Array(1 + body.length)
  message[0] = 0x02
  message.set(body, 1)
  return message
}

/** Everything a NULL DEALER sends to open a session: the greeting (tcp only) and READY. */
export function handshake(framing: Framing, identity: Uint8Array = EMPTY): Uint8Array[] {
  const ready = commandFrame(framing, dealerReady(identity))
  return framing === 'tcp' ? [encodeGreeting({ mechanism: 'NULL' }), ready] : [ready]
}

/** A PING with no TTL and a 16-octet context (the most a PONG echoes). */
export function ping(framing: Framing): Uint8Array {
  return commandFrame(framing, encodePing(0, new Uint8Array(16).fill(0x50)))
}
