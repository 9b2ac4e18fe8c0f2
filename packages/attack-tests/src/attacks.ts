import type { Socket } from 'node:net'
import type { Attack, AttackStats } from './attack.js'
import { MIB } from './proc.js'
import { batch, frameBytes, openRaw, repeat, sleep, writeUntil } from './raw-socket.js'
import type { Target } from './target.js'
import { dataFrame, type Framing, handshake, ping } from './wire.js'

/** An attack writes for at most this long per connection, so a server that stops reading ends it. */
const WRITE_CAP_MS = 10_000
/** After writing, connections stay open this long, so what they cost is held while memory is sampled. */
const HOLD_MS = 1000

const endpointOf = (target: Target, framing: Framing) => (framing === 'tcp' ? target.tcp : target.ws)

/** Opens `count` connections that completed the DEALER handshake (written, not awaited). */
async function sessions(
  target: Target,
  framing: Framing,
  count: number,
  identity?: Uint8Array,
): Promise<Socket[]> {
  const sockets = await Promise.all(
    Array.from({ length: count }, () => openRaw(framing, endpointOf(target, framing))),
  )
  for (const socket of sockets)
    for (const frame of handshake(framing, identity)) socket.write(frameBytes(framing, frame))
  return sockets
}

function closeAll(sockets: readonly Socket[]): void {
  for (const socket of sockets) socket.destroy()
}

/** Each connection writes `chunks()` (until the cap), then all hold and close. */
async function flood(
  target: Target,
  framing: Framing,
  count: number,
  chunks: () => Iterable<Uint8Array>,
  identity?: Uint8Array,
): Promise<AttackStats> {
  const sockets = await sessions(target, framing, count, identity)
  const deadline = Date.now() + WRITE_CAP_MS
  const sent = await Promise.all(sockets.map((socket) => writeUntil(socket, chunks(), deadline)))
  await target.settled()
  await sleep(HOLD_MS)
  closeAll(sockets)
  const opening = handshake(framing, identity).reduce(
    (total, frame) => total + frameBytes(framing, frame).length,
    0,
  )
  return { connections: count, bytesSent: sent.reduce((a, b) => a + b, count * opening) }
}

const IDENTITY_SIZE = 2 * MIB
const IDENTITY_PEERS = 4
const IDENTITY_MESSAGES = 50

/** READY with a 2 MiB `Identity`, then messages the Router echoes to that id (a key per send). */
const hugeIdentity: Attack = {
  name: 'huge-identity',
  description: `${IDENTITY_PEERS} tcp peers announce a ${IDENTITY_SIZE / MIB} MiB Identity, then send ${IDENTITY_MESSAGES} messages each`,
  run: (target) =>
    flood(
      target,
      'tcp',
      IDENTITY_PEERS,
      () => repeat(batch([dataFrame('tcp', new Uint8Array(8))]), IDENTITY_MESSAGES),
      new Uint8Array(IDENTITY_SIZE).fill(0x49),
    ),
}

const BLOAT_PEERS = 32
const BLOAT_PARTS = 256 * 1024
const PARTS_PER_WRITE = 8192

/** Unfinished multipart messages: empty MORE frames (2 octets each) that never end. */
const multipartBloat: Attack = {
  name: 'multipart-bloat',
  description: `${BLOAT_PEERS} tcp peers each send ${BLOAT_PARTS / 1024} Ki empty MORE frames and never the last part (${(BLOAT_PEERS * BLOAT_PARTS * 2) / MIB} MiB on the wire)`,
  run: (target) => {
    const unit = batch(
      Array.from({ length: PARTS_PER_WRITE }, () => dataFrame('tcp', new Uint8Array(0), true)),
    )
    return flood(target, 'tcp', BLOAT_PEERS, () => repeat(unit, BLOAT_PARTS / PARTS_PER_WRITE))
  },
}

const PINGS_PER_WRITE = 4096

/** PINGs from a peer that never reads its PONGs. */
function pingFlood(framing: Framing, pings: number): Attack {
  return {
    name: `ping-flood-${framing}`,
    description: `one ${framing} peer sends ${pings / 1024} Ki PINGs (16-octet context) and never reads`,
    run: (target) => {
      const unit = batch(Array.from({ length: PINGS_PER_WRITE }, () => frameBytes(framing, ping(framing))))
      return flood(target, framing, 1, () => repeat(unit, pings / PINGS_PER_WRITE))
    },
  }
}

/** A ws socket whose maxMessageSize is 2^32: messages must still flow (and be checked exactly). */
const wsMaxMessageSize: Attack = {
  name: 'ws-max-message-size-2^32',
  description: 'the server sets maxMessageSize 2^32; the good peer does its round trips over ws',
  targetOptions: { maxMessageSize: 2 ** 32 },
  goodPeerOn: 'ws',
  run: async (target) => {
    // A second ws peer sends 64 KiB messages, which must be delivered (and echoed) too.
    const [socket] = await sessions(target, 'ws', 1)
    const unit = frameBytes('ws', dataFrame('ws', new Uint8Array(64 * 1024)))
    socket!.resume()
    const sent = await writeUntil(socket!, repeat(unit, 64), Date.now() + WRITE_CAP_MS)
    await target.settled()
    await sleep(HOLD_MS)
    closeAll([socket!])
    return { connections: 1, bytesSent: sent }
  },
}

const GARBAGE_PEERS = 50
const GARBAGE_SIZE = 64 * 1024

/** Random bytes instead of a greeting (tcp) or instead of an HTTP upgrade (ws port). */
const garbage: Attack = {
  name: 'garbage',
  description: `${GARBAGE_PEERS} connections to each port write ${GARBAGE_SIZE / 1024} KiB of random bytes`,
  run: async (target) => {
    const { randomBytes } = await import('node:crypto')
    const sockets = await Promise.all(
      Array.from({ length: 2 * GARBAGE_PEERS }, (_, i) =>
        openRaw('tcp', i % 2 ? target.ws.replace('ws:', 'tcp:') : target.tcp),
      ),
    )
    const deadline = Date.now() + WRITE_CAP_MS
    const sent = await Promise.all(
      sockets.map((socket) => writeUntil(socket, [randomBytes(GARBAGE_SIZE)], deadline)),
    )
    await target.settled()
    await sleep(HOLD_MS)
    closeAll(sockets)
    return { connections: sockets.length, bytesSent: sent.reduce((a, b) => a + b, 0) }
  },
}

const SLOW_PEERS = 40
const SLOW_SECONDS = 5

/** Slowloris: greetings (tcp) and upgrade requests (ws) at one octet per second. */
const slowloris: Attack = {
  name: 'slowloris',
  description: `${SLOW_PEERS} connections per port send their greeting / upgrade request at 1 octet per second for ${SLOW_SECONDS} s`,
  run: async (target) => {
    const tcpSockets = await Promise.all(Array.from({ length: SLOW_PEERS }, () => openRaw('tcp', target.tcp)))
    const wsSockets = await Promise.all(
      Array.from({ length: SLOW_PEERS }, () => openRaw('tcp', target.ws.replace('ws:', 'tcp:'))),
    )
    const greeting = handshake('tcp')[0]!
    const request = Buffer.from('GET /zmq HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'latin1')
    let sent = 0
    for (let second = 0; second < SLOW_SECONDS; second++) {
      for (const socket of tcpSockets)
        if (!socket.destroyed) socket.write(greeting.subarray(second, second + 1))
      for (const socket of wsSockets)
        if (!socket.destroyed) socket.write(request.subarray(second, second + 1))
      sent += tcpSockets.length + wsSockets.length
      await sleep(1000)
    }
    closeAll([...tcpSockets, ...wsSockets])
    return { connections: 2 * SLOW_PEERS, bytesSent: sent }
  },
}

const CLAIM_PEERS = 8

/** A frame header claiming 4 GiB, then one body octet, and nothing more. */
const hugeFrameClaim: Attack = {
  name: 'frame-claim-4gib',
  description: `${CLAIM_PEERS} tcp peers claim a 4 GiB frame and send one body octet`,
  run: async (target) => {
    const sockets = await sessions(target, 'tcp', CLAIM_PEERS)
    const claim = new Uint8Array(10)
    claim[0] = 0x02 // LONG
    new DataView(claim.buffer).setBigUint64(1, 2n ** 32n)
    claim[9] = 0x41
    for (const socket of sockets) socket.write(claim)
    await target.settled()
    await sleep(HOLD_MS)
    closeAll(sockets)
    return { connections: CLAIM_PEERS, bytesSent: CLAIM_PEERS * claim.length }
  },
}

const ECHO_MESSAGES = 4096
const ECHO_SIZE = 16 * 1024

/** A peer that sends messages (which the Router echoes back to it) and never reads. */
function neverReads(framing: Framing): Attack {
  return {
    name: `never-reads-${framing}`,
    description: `one ${framing} peer sends ${ECHO_MESSAGES} messages of ${ECHO_SIZE / 1024} KiB (${(ECHO_MESSAGES * ECHO_SIZE) / MIB} MiB) and never reads the echoes`,
    run: (target) => {
      const unit = frameBytes(framing, dataFrame(framing, new Uint8Array(ECHO_SIZE)))
      return flood(target, framing, 1, () => repeat(unit, ECHO_MESSAGES))
    },
  }
}

const STORM_CONNECTIONS = 1000
const STORM_WAVE = 100

/** Many short connections: connect, send a greeting, hang up. */
const connectStorm: Attack = {
  name: 'connect-storm',
  description: `${STORM_CONNECTIONS} tcp connections in waves of ${STORM_WAVE}: connect, greet, close`,
  run: async (target) => {
    const greeting = handshake('tcp')[0]!
    let opened = 0
    for (let wave = 0; wave < STORM_CONNECTIONS / STORM_WAVE; wave++) {
      const sockets = await Promise.all(
        Array.from({ length: STORM_WAVE }, () => openRaw('tcp', target.tcp).catch(() => undefined)),
      )
      for (const socket of sockets) {
        if (!socket) continue
        opened++
        socket.end(greeting)
      }
      closeAll(sockets.filter((socket): socket is Socket => socket !== undefined))
    }
    return { connections: opened, bytesSent: opened * greeting.length }
  },
}

/** Every attack of the suite, in the order it runs. */
export const ATTACKS: readonly Attack[] = [
  hugeIdentity,
  multipartBloat,
  pingFlood('tcp', 2048 * 1024),
  pingFlood('ws', 1024 * 1024),
  wsMaxMessageSize,
  garbage,
  slowloris,
  hugeFrameClaim,
  neverReads('tcp'),
  neverReads('ws'),
  connectStorm,
]
