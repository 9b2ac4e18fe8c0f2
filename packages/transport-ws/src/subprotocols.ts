/**
 * ZWS 2.0 subprotocol names (RFC 45) and our token-safe aliases.
 *
 * RFC 45 names a mechanism with a slash (`ZWS2.0/NULL`), but a slash is not allowed in a WebSocket
 * subprotocol token (RFC 6455 §4.1), so browsers refuse to offer such names and the `ws` library refuses
 * them on both sides. Our extension: `ZWS2.0-NULL` (and `ZWS2.0-PLAIN`, `ZWS2.0-CURVE`) means exactly
 * what `ZWS2.0/NULL` means. Our servers accept both spellings; libzmq knows only the slash form.
 */

/** ZWS 2.0 without a mechanism: each side first sends its routing id; no READY, no socket-type check. */
export const ZWS_LEGACY = 'ZWS2.0'

/** The RFC 45 name of ZWS 2.0 with `mechanism`, such as `ZWS2.0/NULL`. */
export function rfcSubprotocol(mechanism: string): string {
  return `${ZWS_LEGACY}/${mechanism}`
}

/** Our token-safe alias of {@link rfcSubprotocol}, such as `ZWS2.0-NULL`. */
export function aliasSubprotocol(mechanism: string): string {
  return `${ZWS_LEGACY}-${mechanism}`
}

/**
 * What a Node client offers, in order of preference: the RFC name first, as libzmq does, and the legacy
 * mode as a fallback when there is no security mechanism to lose.
 */
export function nodeOffer(mechanism: string): string[] {
  return mechanism === 'NULL' ? [rfcSubprotocol(mechanism), ZWS_LEGACY] : [rfcSubprotocol(mechanism)]
}

/**
 * What a browser offers: the alias (our servers then run the full handshake) and, with NULL, the legacy
 * name, which is all a libzmq server will accept from a browser.
 */
export function browserOffer(mechanism: string): string[] {
  return mechanism === 'NULL' ? [aliasSubprotocol(mechanism), ZWS_LEGACY] : [aliasSubprotocol(mechanism)]
}

/** Whether a server whose sockets use `mechanism` accepts a client offering `name`. */
export function accepts(mechanism: string, name: string): boolean {
  if (name === ZWS_LEGACY) return mechanism === 'NULL'
  return name === rfcSubprotocol(mechanism) || name === aliasSubprotocol(mechanism)
}

/** The first name in the client's order that the server accepts (libzmq picks the same way). */
export function chooseSubprotocol(offered: readonly string[], mechanism: string): string | undefined {
  return offered.find((name) => accepts(mechanism, name))
}

/** Splits a `Sec-WebSocket-Protocol` header value into its names. */
export function parseOffer(header: string | undefined): string[] {
  if (!header) return []
  return header
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
}
