/** A request Titanic holds, as its store returns it for dispatch. */
export interface StoredRequest {
  id: string
  service: string
  body: Uint8Array[]
  /** Tries recorded so far (each recorded before the request leaves for a worker). */
  attempts: number
}

/** Where a request stands, as `titanic.reply` reports it. */
export type StoredStatus =
  | { state: 'pending' }
  | { state: 'done'; reply: Uint8Array[] }
  | { state: 'dead'; reason: string }
  | { state: 'unknown' }

/** A dead-lettered request: it failed `attempts` times and is no longer tried. */
export interface DeadLetter {
  id: string
  service: string
  attempts: number
  reason: string
}

/**
 * Durable storage for Titanic. Every method that changes state must have made the change durable (on
 * disk, or wherever the store keeps it) when its promise resolves: Titanic acknowledges a request only
 * after `add()` resolves. Plug another database in by implementing this.
 */
export interface TitanicStore {
  /** Stores a new request as pending. */
  add(id: string, service: string, body: Uint8Array[]): Promise<void>
  /** Pending requests (neither answered nor dead-lettered), oldest first. */
  pending(): Promise<StoredRequest[]>
  /** Records one more try of a pending request and returns it with the new count; undefined if not pending. */
  attempt(id: string): Promise<StoredRequest | undefined>
  /** Stores the reply of a pending request; false (and nothing stored) if it was no longer pending. */
  complete(id: string, reply: Uint8Array[]): Promise<boolean>
  /** Moves a pending request to the dead-letter list. */
  deadLetter(id: string, reason: string): Promise<void>
  /** Where a request stands. */
  status(id: string): Promise<StoredStatus>
  /** Forgets a request and its reply (`titanic.close`); unknown ids are fine. */
  remove(id: string): Promise<void>
  /** The dead-letter list. */
  deadLetters(): Promise<DeadLetter[]>
  /** Releases the store. */
  close(): Promise<void>
}

/** Several parts as one byte string: each part's length as 4 octets (big-endian), then the part. */
export function packParts(parts: readonly Uint8Array[]): Uint8Array {
  let size = 0
  for (const part of parts) size += 4 + part.length
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  let at = 0
  for (const part of parts) {
    view.setUint32(at, part.length)
    out.set(part, at + 4)
    at += 4 + part.length
  }
  return out
}

/** The inverse of {@link packParts}. */
export function unpackParts(packed: Uint8Array): Uint8Array[] {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength)
  const parts: Uint8Array[] = []
  let at = 0
  while (at + 4 <= packed.length) {
    const size = view.getUint32(at)
    parts.push(packed.slice(at + 4, at + 4 + size))
    at += 4 + size
  }
  return parts
}
