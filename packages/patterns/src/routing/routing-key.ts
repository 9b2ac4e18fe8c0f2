/**
 * Map keys for routing ids. A binary string (one UTF-16 unit per octet) is cheap to hash and compare,
 * and distinct ids give distinct keys. Built a slice at a time with `String.fromCharCode.apply`, so the
 * cost is linear in the id's length: appending one character at a time made a long id (a peer may announce
 * any `Identity` the handshake lets through) cost quadratic time and heap on every lookup.
 */

/** Octets converted per `fromCharCode` call: well under every engine's argument-count limit. */
const SLICE = 4096

/** The map key of a routing id. Browser-safe (no `Buffer`). */
export function routingKey(id: Uint8Array): string {
  if (id.length <= SLICE) return String.fromCharCode.apply(null, id as unknown as number[])
  const parts: string[] = []
  for (let offset = 0; offset < id.length; offset += SLICE) {
    parts.push(String.fromCharCode.apply(null, id.subarray(offset, offset + SLICE) as unknown as number[]))
  }
  return parts.join('')
}

/**
 * Remembers the key of each id object this socket handed out (the `routingId` of its pipes), so that a
 * reply which sends that same object back finds its peer without converting the id again.
 */
export class RoutingKeys {
  readonly #known = new WeakMap<Uint8Array, string>()

  /** The key of `id`, from the cache when `id` is an object {@link remember} was given. */
  of(id: Uint8Array): string {
    return this.#known.get(id) ?? routingKey(id)
  }

  /** Computes and caches the key of an id object the socket owns and never changes. */
  remember(id: Uint8Array): string {
    let key = this.#known.get(id)
    if (key === undefined) {
      key = routingKey(id)
      this.#known.set(id, key)
    }
    return key
  }
}
