/**
 * The limits every attack is held to on our Router. They are liveness and safety bounds, not timings:
 * generous enough for a loaded 2-core CI machine, tight enough that each open weakness of issue 10 fails.
 */

/** A good-peer round trip with no answer within this many ms counts as a timeout; none is allowed. */
export const ROUND_TRIP_BOUND_MS = 5000

/**
 * Resident memory our server may gain over its idle baseline during one attack, in MiB. The attacks put
 * at most about 70 MiB on the wire per connection set; a server that holds a bounded amount per
 * connection and per socket stays well below this, one that keeps per-part objects or every reply does not.
 */
export const MEMORY_GROWTH_BOUND_MIB = 256
