/**
 * The benchmark roles for message libraries with a zeromq.js-like API (zmtp, zeromq.js). Each role is
 * one side of a case; the runner starts the two sides in separate processes unless the case says
 * otherwise, and the receiving side does the timing, from its first message to its last, as libzmq's
 * local_thr does.
 */
import type { CurveKeys } from './curve.js'
import { timeRoundTrips } from './round-trips.js'
import type { SocketLib } from './socket-lib.js'
import {
  command,
  emit,
  hasCommand,
  isStopped,
  now,
  settledRss,
  sleep,
  stopped,
  yieldToLoop,
} from './worker-io.js'

export interface RoleSettings {
  role: string
  // Where to bind: tcp://127.0.0.1:* (any free port), ws://127.0.0.1:*/bench or inproc://bench.
  bind?: string
  /** Where to connect. */
  connect?: string
  count?: number
  size?: number
  /**
   * Throughput: messages (after the first, which starts the clock) before the warm window begins.
   * Request/Reply: round trips before the timed ones.
   */
  warmup?: number
  /**
   * Throughput: messages the receiver still reads, untimed, after its last timed one, so that its window
   * never ends on draining a backlog after the sender stopped (the sender sends count + tail).
   */
  tail?: number
  /** Also time the first `cold` messages or round trips of these fresh processes (the cold window). */
  cold?: number
  subscribers?: number
  connections?: number
  highWaterMark?: number
  /** Run the sockets under CURVE with these keys (the binding side is the server). */
  curve?: CurveKeys
  /** A WebRTC signaling server (tcp://) for webrtc:// endpoints. */
  signal?: string
}

type Role = (lib: SocketLib, s: RoleSettings) => Promise<void>

/** A payload of `size` octets that is not all zeroes (some stacks special-case zero pages). */
export function payload(size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  for (let i = 0; i < size; i++) bytes[i] = i & 0xff
  return bytes
}

const pullThroughput: Role = async (lib, s) => {
  const pull = lib.create('Pull')
  await pull.bind(s.bind!)
  emit({ type: 'ready', endpoint: pull.lastEndpoint })
  const count = s.count!
  const cold = s.cold ?? 0
  const warmFrom = s.warmup ?? 0
  let bytes = 0
  let coldBytes = 0
  await pull.receive()
  const start = now()
  let coldEnd = start
  let warmStart = start
  for (let i = 1; i < count; i++) {
    const length = (await pull.receive())[0]!.length
    if (i <= cold) {
      coldBytes += length
      if (i === cold) coldEnd = now()
    }
    if (i > warmFrom) bytes += length
    else if (i === warmFrom) warmStart = now()
  }
  const end = now()
  for (let i = 0; i < (s.tail ?? 0); i++) await pull.receive()
  emit({
    type: 'result',
    messages: count - 1 - warmFrom,
    bytes,
    elapsedNs: Number(end - warmStart),
    ...(cold > 0 ? { coldMessages: cold, coldBytes, coldElapsedNs: Number(coldEnd - start) } : {}),
  })
  await stopped
  pull.close()
}

const pushThroughput: Role = async (lib, s) => {
  const push = lib.create('Push')
  push.connect(s.connect!)
  const message = payload(s.size!)
  const count = s.count!
  for (let i = 0; i < count; i++) await push.send(message)
  await stopped
  push.close()
}

const reply: Role = async (lib, s) => {
  const rep = lib.create('Reply')
  await rep.bind(s.bind!)
  emit({ type: 'ready', endpoint: rep.lastEndpoint })
  let open = true
  void stopped.then(() => {
    open = false
    rep.close()
  })
  while (open) {
    let message: Uint8Array[]
    try {
      message = await rep.receive()
    } catch (error) {
      if (!open) return
      throw error
    }
    await rep.send(message)
  }
}

const requestLatency: Role = async (lib, s) => {
  const req = lib.create('Request')
  req.connect(s.connect!)
  const message = payload(s.size!)
  const roundTrip = async () => {
    await req.send(message)
    await req.receive()
  }
  emit({ type: 'result', ...(await timeRoundTrips(roundTrip, s)) })
  await stopped
  req.close()
}

// Publisher/Subscriber: the first octet of each message says what it is.
const WARM = 0x57 // 'W': sent until every subscriber has one, against the slow-joiner race
const DATA = 0x44 // 'D': counted
const END = 0x45 // 'E': sent until the runner stops us; a subscriber that sees one is done

const publisher: Role = async (lib, s) => {
  const pub = lib.create('Publisher')
  await pub.bind(s.bind!)
  emit({ type: 'ready', endpoint: pub.lastEndpoint })
  const warm = payload(s.size!)
  warm[0] = WARM
  while (!hasCommand('go')) {
    await pub.send(warm)
    await sleep(5)
  }
  const data = payload(s.size!)
  data[0] = DATA
  const count = s.count!
  for (let i = 0; i < count; i++) {
    await pub.send(data)
    // A publisher never waits for its subscribers; a real one still has to let its I/O run.
    if ((i & 63) === 63) await yieldToLoop()
  }
  const end = payload(s.size!)
  end[0] = END
  while (!isStopped()) {
    await pub.send(end)
    await sleep(5)
  }
  pub.close()
}

const subscribers: Role = async (lib, s) => {
  const count = s.subscribers!
  const subs = Array.from({ length: count }, () => lib.create('Subscriber'))
  let warmed = 0
  let ended = 0
  let deliveries = 0
  let first = 0n
  let last = 0n
  let allWarm: () => void = () => {}
  let allEnded: () => void = () => {}
  const warmedUp = new Promise<void>((resolve) => (allWarm = resolve))
  const done = new Promise<void>((resolve) => (allEnded = resolve))
  const consume = async (sub: (typeof subs)[number]) => {
    let warm = false
    for (;;) {
      const [part] = await sub.receive()
      const kind = part![0]
      if (kind === DATA) {
        last = now()
        if (first === 0n) first = last
        deliveries++
      } else if (kind === WARM && !warm) {
        warm = true
        if (++warmed === count) allWarm()
      } else if (kind === END) {
        if (++ended === count) allEnded()
        return
      }
    }
  }
  for (const sub of subs) {
    sub.connect(s.connect!)
    sub.subscribe!()
    void consume(sub)
  }
  await warmedUp
  emit({ type: 'ready' })
  await done
  emit({ type: 'result', deliveries, elapsedNs: Number(last - first) })
  await stopped
  for (const sub of subs) sub.close()
}

/** Both ends in this one process: what an in-process queue costs, without any I/O. */
const inprocThroughput: Role = async (lib, s) => {
  const pull = lib.create('Pull')
  await pull.bind(s.bind!)
  const push = lib.create('Push')
  push.connect(s.bind!)
  const message = payload(s.size!)
  const count = s.count!
  const sending = (async () => {
    for (let i = 0; i < count; i++) await push.send(message)
  })()
  await pull.receive()
  const start = now()
  for (let i = 1; i < count; i++) await pull.receive()
  const elapsedNs = Number(now() - start)
  await sending
  emit({ type: 'result', messages: count - 1, bytes: (count - 1) * message.length, elapsedNs })
  await stopped
  push.close()
  pull.close()
}

/** The Router whose memory is measured; its peers connect from another process. */
const idleRouter: Role = async (lib, s) => {
  const before = settledRss()
  const router = lib.create('Router')
  await router.bind(s.bind!)
  const baseline = settledRss()
  emit({ type: 'ready', endpoint: router.lastEndpoint })
  // Each peer says hello once, so every connection is known to be up before memory is read.
  const peers = new Set<string>()
  while (peers.size < s.connections!) {
    const [id] = await router.receive()
    peers.add(Buffer.from(id!).toString('hex'))
  }
  await sleep(500)
  const loaded = settledRss()
  emit({
    type: 'result',
    connections: peers.size,
    baselineRss: baseline,
    loadedRss: loaded,
    startRss: before,
  })
  await stopped
  router.close()
}

const idleDealers: Role = async (lib, s) => {
  const dealers = Array.from({ length: s.connections! }, () => lib.create('Dealer'))
  const hello = payload(1)
  for (const dealer of dealers) dealer.connect(s.connect!)
  await Promise.all(dealers.map((dealer) => dealer.send(hello)))
  await stopped
  for (const dealer of dealers) dealer.close()
}

/** A Pull that never reads: its queue fills to the high-water mark and TCP pushes back on the sender. */
const stalledPull: Role = async (lib, s) => {
  const pull = lib.create('Pull', { receiveHighWaterMark: s.highWaterMark })
  await pull.bind(s.bind!)
  let peak = settledRss()
  emit({ type: 'ready', endpoint: pull.lastEndpoint })
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 50)
  await command('report')
  clearInterval(timer)
  emit({ type: 'result', peakRss: Math.max(peak, settledRss()) })
  await stopped
  pull.close()
}

/**
 * Offers `count` messages to a Pull that never reads, without waiting: each offer is accepted into the
 * queue or refused with EAGAIN. Memory is read (after GC) as it goes. The reference point is taken once
 * a tenth of the offers have been made, long after the queue first refused: by then the runtime's own
 * heap sizing has settled, so any growth after it is memory that grows with the messages offered.
 */
const stalledPush: Role = async (lib, s) => {
  const push = lib.create('Push', { sendHighWaterMark: s.highWaterMark, sendTimeout: 0 })
  push.connect(s.connect!)
  const message = payload(s.size!)
  const count = s.count!
  const sampleEvery = Math.max(1, Math.floor(count / 50))
  const referenceAt = Math.floor(count / 10)
  let accepted = 0
  let refused = 0
  let reference: { rss: number; heap: number } | null = null
  let peakRss = 0
  let peakHeap = 0
  const offer = async () => {
    try {
      await push.send(message)
      accepted++
    } catch (error) {
      if (!lib.isAgain(error)) throw error
      refused++
    }
  }
  // Let the connection come up first, so that the queue fills against a live peer that does not read.
  await sleep(300)
  const batch = lib.concurrentSends ? 1000 : 1
  for (let offered = 0; offered < count; ) {
    const n = Math.min(batch, count - offered)
    if (n === 1) await offer()
    else await Promise.all(Array.from({ length: n }, offer))
    const before = offered
    offered += n
    if (Math.floor(before / sampleEvery) === Math.floor(offered / sampleEvery)) continue
    await yieldToLoop()
    const rss = settledRss()
    const memory = process.memoryUsage()
    const heap = memory.heapUsed + memory.external
    if (reference === null) {
      if (offered >= referenceAt && refused > 0) reference = { rss, heap }
    } else {
      peakRss = Math.max(peakRss, rss)
      peakHeap = Math.max(peakHeap, heap)
    }
  }
  if (reference === null) throw new Error('the queue never filled')
  emit({
    type: 'result',
    offered: count,
    accepted,
    refused,
    rssGrowth: Math.max(peakRss, reference.rss) - reference.rss,
    heapGrowth: Math.max(peakHeap, reference.heap) - reference.heap,
    peakRss: Math.max(peakRss, reference.rss),
  })
  await stopped
  push.close()
}

const roles: Record<string, Role> = {
  'pull-thr': pullThroughput,
  'push-thr': pushThroughput,
  rep: reply,
  'req-lat': requestLatency,
  pub: publisher,
  subs: subscribers,
  'inproc-thr': inprocThroughput,
  'router-idle': idleRouter,
  'dealers-idle': idleDealers,
  'pull-stalled': stalledPull,
  'push-stalled': stalledPush,
}

export function runRole(lib: SocketLib, s: RoleSettings): Promise<void> {
  const role = roles[s.role]
  if (!role) throw new Error(`unknown role ${s.role} for ${lib.name}`)
  return role(lib, s)
}
