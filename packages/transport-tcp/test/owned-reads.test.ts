import type { Connection, StreamConnection } from '@zmtp/core'
import { describe, expect, it } from 'vitest'
import { tcp } from '../src/index.js'
import { OwnedReads } from '../src/owned-reads.js'
import { connectPair, listen, portOf, tcpAt } from './helpers.js'

const transport = tcp()

async function pair() {
  const listening = await listen(transport, tcpAt('127.0.0.1'))
  return connectPair(transport, listening, tcpAt('127.0.0.1', portOf(listening.listener.endpoint)))
}

/** Collects chunks until `total` octets have arrived. */
function chunks(connection: Connection, total: number): Promise<Uint8Array[]> {
  return new Promise((resolve) => {
    const seen: Uint8Array[] = []
    let length = 0
    connection.on('data', (chunk) => {
      seen.push(chunk)
      length += chunk.length
      if (length >= total) resolve(seen)
    })
  })
}

function joined(parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts)
}

const payload = (size: number, seed: number) =>
  Uint8Array.from({ length: size }, (_, i) => (i * 7 + seed) & 0xff)

describe('reads into memory the receiver offers (readInto)', () => {
  for (const side of ['accepted', 'dialled'] as const) {
    it(`on the ${side} side, a read lands in the offered view and is delivered as that view`, async () => {
      const { client, server } = await pair()
      const reader = (side === 'accepted' ? server : client) as StreamConnection
      const writer = side === 'accepted' ? client : server
      expect(typeof reader.readInto).toBe('function')
      const target = new Uint8Array(100_000)
      let offered = true
      reader.readInto!(() => (offered ? target.subarray(10) : undefined))
      // Node asks where a read goes right after the previous read: the offer applies from the second.
      const arriving = chunks(reader, 1001)
      writer.write(payload(1, 0))
      await new Promise<void>((resolve) => reader.on('data', () => resolve()))
      writer.write(payload(1000, 1))
      const got = await arriving
      offered = false
      expect(joined(got)).toEqual(Buffer.concat([payload(1, 0), payload(1000, 1)]))
      expect(got[1]!.buffer).toBe(target.buffer)
      expect(got[1]!.byteOffset).toBe(10)
    })
  }

  it('delivers a large stream whole and in order without an offer (slab and scratch reads)', async () => {
    const { client, server } = await pair()
    const sent = payload(3 * 1024 * 1024 + 11, 3)
    const arriving = chunks(server, sent.length)
    client.write(sent)
    const got = await arriving
    expect(Buffer.compare(joined(got), Buffer.from(sent))).toBe(0)
    // Chunks handed out never share memory that is read into again: every chunk still holds its bytes.
    let offset = 0
    for (const chunk of got) {
      expect(Buffer.from(chunk).equals(Buffer.from(sent.subarray(offset, offset + chunk.length)))).toBe(true)
      offset += chunk.length
    }
  })

  it('while the receiver asks for large reads, a short read is copied out: no slab is pinned by it', async () => {
    const { client, server } = await pair()
    const reader = server as StreamConnection
    // A number: large frames flow and reads of that size would end on frame boundaries.
    reader.readInto!(() => 200_000)
    const first = chunks(reader, 1)
    client.write(payload(1, 0))
    await first
    const arriving = chunks(reader, 5000)
    client.write(payload(5000, 4))
    const got = await arriving
    expect(Buffer.compare(joined(got), Buffer.from(payload(5000, 4)))).toBe(0)
    // Handed out as a view of a slab, a chunk would keep the whole 256 KiB alive while it is queued, and
    // the connection would hold its slab while idle: each chunk owns exactly its octets.
    for (const chunk of got) expect(chunk.buffer.byteLength).toBe(chunk.length)
  })
})

describe('the memory a busy connection reads into while large frames flow', () => {
  /** Plays Node's side of `onread`: asks for a read's memory, then reports it filled. */
  function read(reads: OwnedReads, nread: (buffer: Uint8Array) => number): Uint8Array {
    const buffer = (reads.options.buffer as () => Uint8Array)()
    reads.options.callback(nread(buffer), buffer)
    return buffer
  }

  it('is a slab of exactly the size the receiver asked for, so no part of it goes unused', () => {
    const reads = new OwnedReads()
    // Three 64 KiB frames and their headers: a read of that size ends on a frame boundary.
    const aligned = 3 * (64 * 1024 + 9)
    reads.readInto(() => aligned)
    const delivered: Uint8Array[] = []
    reads.listen((chunk) => delivered.push(chunk))
    // The first read finds the connection quiet (shared memory, copied out); it came in full, so the
    // next ones read into slabs of the connection's own.
    read(reads, (buffer) => buffer.length)
    const slabs = [read(reads, (buffer) => buffer.length), read(reads, (buffer) => buffer.length)]
    for (const slab of slabs) {
      expect(slab.length).toBe(aligned)
      // All of the slab's memory is what was asked for: every octet of it counts towards V8's external
      // memory (and its scavenges) whether or not a read ever fills it.
      expect(slab.buffer.byteLength).toBe(aligned)
    }
    expect(slabs[0]!.buffer).not.toBe(slabs[1]!.buffer)
    expect(delivered.map((chunk) => chunk.length)).toEqual([aligned, aligned, aligned])
    expect(delivered[1]!.buffer).toBe(slabs[0]!.buffer)
  })

  it('reads just a frame header when asked for a few octets, busy or not, and copies it out', () => {
    const reads = new OwnedReads()
    let wanted = 64 * 1024
    reads.readInto(() => wanted)
    const delivered: Uint8Array[] = []
    reads.listen((chunk) => delivered.push(chunk))
    read(reads, (buffer) => buffer.length)
    read(reads, (buffer) => buffer.length)
    // The header of a frame too large for one read (its body is offered as a view next).
    wanted = 9
    const header = read(reads, (buffer) => buffer.length)
    expect(header.length).toBe(9)
    const chunk = delivered.at(-1)!
    expect(chunk.length).toBe(9)
    // The shared buffer is read into again: what was delivered owns its octets.
    expect(chunk.buffer).not.toBe(header.buffer)
    expect(chunk.buffer.byteLength).toBe(9)
  })

  it('small reads still share one slab of 256 KiB, four full reads of 64 KiB each', () => {
    const reads = new OwnedReads()
    reads.listen(() => {})
    read(reads, (buffer) => buffer.length)
    const slabs = Array.from({ length: 4 }, () => read(reads, (buffer) => buffer.length))
    for (const slab of slabs) {
      expect(slab.length).toBe(64 * 1024)
      expect(slab.buffer).toBe(slabs[0]!.buffer)
    }
    expect(slabs[0]!.buffer.byteLength).toBe(256 * 1024)
  })
})
