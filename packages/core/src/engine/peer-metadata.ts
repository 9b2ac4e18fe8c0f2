import { type Metadata, metadataText, Property } from '../codec/metadata.js'
import { SOCKET_TYPES } from '../socket-types.js'
import { EMPTY } from '../util/bytes.js'

/** The names ZMTP defines: what a connection keeps shares these instead of holding copies of its own. */
const KNOWN_NAMES: readonly string[] = [Property.SocketType, Property.Identity, Property.Resource]

/**
 * Values up to this many octets are copied when metadata is kept: on V8 a typed array this small holds its
 * bytes on the JS heap, with no memory outside it.
 */
const COPIED_VALUE_SIZE = 64

/**
 * The peer's properties as a connection keeps them for its life: the names ZMTP defines shared, values of
 * up to 64 octets copied, empty ones one shared empty array. Decoded values are views into the received
 * chunk, and kept it (with its ArrayBuffer and its memory outside the heap, about 250 bytes on Node) for
 * as long as the connection lived.
 * @internal
 */
export function keptMetadata(received: Metadata): Metadata {
  const kept: Metadata = new Map()
  for (const [name, value] of received) {
    const shared = KNOWN_NAMES.find((known) => known === name) ?? name
    kept.set(
      shared,
      value.length === 0 ? EMPTY : value.length > COPIED_VALUE_SIZE ? value : new Uint8Array(value),
    )
  }
  return kept
}

/**
 * The peer's `Socket-Type`: one of our own constants when it names a known type, so that connections
 * share it rather than each keeping the string it decoded.
 * @internal
 */
export function peerSocketType(metadata: Metadata): string | undefined {
  const text = metadataText(metadata, Property.SocketType)
  return SOCKET_TYPES.find((type) => type === text) ?? text
}
