// The raw baselines over WebRTC: node-datachannel's RTCDataChannel, no ZMTP. Throughput comes in two
// forms: messages (each one length-prefixed and packed into 16 KiB data-channel messages, then parsed
// back one by one, as the raw `net` baseline does over TCP) and bytes only (the payload octets with no
// message boundaries: the channel's ceiling). Request/Reply echoes one data-channel message per round
// trip. Set-up goes through the same reference signaling server as zmtp's, so only the data path differs.
import { tcp } from '@zmtp/transport-tcp'
import type { Signal, SocketSignaling } from '@zmtp/transport-webrtc'
import { connectSignaling } from '@zmtp/webrtc-signal'
import { RTCPeerConnection } from 'node-datachannel/polyfill'
import { FrameReader } from './length-prefixed.js'
import { payload, type RoleSettings } from './roles.js'
import { timeRoundTrips } from './round-trips.js'
import { CHUNK, ChannelPacker } from './rtc-framing.js'
import { WindowClock } from './windows.js'
import { emit, now, runWorker, settings, stopped } from './worker-io.js'

/** Above this much queued the sender waits for `bufferedamountlow`, as zmtp's transport does. */
const BUFFER_LIMIT = 1024 * 1024

type Channel = RTCDataChannel

const randomId = () => `raw-${process.pid}-${Math.random().toString(36).slice(2, 10)}`

/** A peer connection with one negotiated channel, trickling candidates to `to` once `start` is called. */
function peer(signaling: SocketSignaling, self: string, session: string, to: () => string) {
  const pc = new RTCPeerConnection() as unknown as globalThis.RTCPeerConnection
  const channel = pc.createDataChannel('raw', { negotiated: true, id: 0 })
  channel.binaryType = 'arraybuffer'
  pc.onicecandidate = (event) => {
    if (event.candidate?.candidate) {
      void signaling
        .send({
          from: self,
          to: to(),
          session,
          kind: 'candidate',
          candidate: event.candidate.candidate,
          sdpMid: event.candidate.sdpMid ?? '0',
        })
        .catch(() => {})
    }
  }
  const opened = new Promise<void>((resolve) => {
    channel.onopen = () => resolve()
  })
  return { pc, channel, opened }
}

/** Binds: announces an id and answers offers; `channel` resolves with the first channel that opens. */
async function accept(signaling: SocketSignaling): Promise<{ endpoint: string; channel: Promise<Channel> }> {
  const self = randomId()
  let opened: (channel: Channel) => void = () => {}
  const channel = new Promise<Channel>((resolve) => (opened = resolve))
  let chain = Promise.resolve()
  let current: (ReturnType<typeof peer> & { session: string }) | undefined
  await signaling.announce(self, (signal: Signal) => {
    chain = chain.then(async () => {
      // A new session is the dialer's retry (see dial): it replaces the attempt that did not open.
      if (signal.kind === 'offer' && current?.session !== signal.session) {
        current?.pc.close()
        const remote = signal.from
        const answering = { ...peer(signaling, self, signal.session, () => remote), session: signal.session }
        current = answering
        try {
          await answering.pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp })
          const answer = await answering.pc.createAnswer()
          const sdp = answering.pc.localDescription?.sdp ?? answer.sdp ?? ''
          await signaling.send({ from: self, to: remote, session: signal.session, kind: 'answer', sdp })
          void answering.opened.then(() => opened(answering.channel))
        } catch {
          // The dialer times out and tries again with a new session.
        }
      } else if (signal.kind === 'candidate' && current?.session === signal.session) {
        await current.pc
          .addIceCandidate({ candidate: signal.candidate, sdpMid: signal.sdpMid })
          .catch(() => {})
      }
    })
  })
  return { endpoint: `webrtc://${self}`, channel }
}

/**
 * Connects, trying again with a fresh peer connection when an attempt does not open within 5 s:
 * libdatachannel sometimes refuses a good answer under load, as zmtp's transport also handles.
 */
async function dial(signaling: SocketSignaling, endpoint: string): Promise<Channel> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dialOnce(signaling, endpoint)
    } catch (error) {
      if (attempt >= 3) throw error
    }
  }
}

/** One attempt: offers to the id in `endpoint` and waits for the channel to open. */
async function dialOnce(signaling: SocketSignaling, endpoint: string): Promise<Channel> {
  const to = endpoint.slice('webrtc://'.length)
  const self = randomId()
  const session = randomId()
  let chain = Promise.resolve()
  const current = peer(signaling, self, session, () => to)
  let failed: (error: unknown) => void = () => {}
  const failure = new Promise<never>((_, reject) => (failed = reject))
  failure.catch(() => {})
  const announcement = await signaling.announce(self, (signal: Signal) => {
    chain = chain.then(async () => {
      if (signal.kind === 'answer') {
        await current.pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp }).catch(failed)
      } else if (signal.kind === 'candidate') {
        await current.pc
          .addIceCandidate({ candidate: signal.candidate, sdpMid: signal.sdpMid })
          .catch(() => {})
      }
    })
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the channel did not open within 5 s')), 5000)
  })
  try {
    const offer = await current.pc.createOffer()
    const sdp = current.pc.localDescription?.sdp ?? offer.sdp ?? ''
    await signaling.send({ from: self, to, session, kind: 'offer', sdp })
    await Promise.race([current.opened, failure, timeout])
    return current.channel
  } catch (error) {
    current.pc.close()
    throw error
  } finally {
    clearTimeout(timer)
    void announcement.close()
  }
}

/** Resolves once the channel's queue is below the cap. */
function belowCap(channel: Channel): Promise<void> {
  if (channel.bufferedAmount <= BUFFER_LIMIT) return Promise.resolve()
  return new Promise((resolve) => {
    channel.onbufferedamountlow = () => {
      channel.onbufferedamountlow = null
      resolve()
    }
  })
}

/** Reads the framed messages back one by one and counts them as the raw `net` baseline does. */
async function receiveFramed(signaling: SocketSignaling, s: RoleSettings): Promise<void> {
  const bound = await accept(signaling)
  emit({ type: 'ready', endpoint: bound.endpoint })
  const channel = await bound.channel
  // The same windows as the raw net baseline (see windows.ts); without them, timed from the first message.
  const clock = new WindowClock(s)
  await new Promise<void>((resolve) => {
    const reader = new FrameReader((body) => {
      // A framing mistake would show as a wrong size long before it could flatter the rate.
      if (body.length !== s.size) throw new Error(`raw frame of ${body.length} octets, expected ${s.size}`)
      if (clock.message(body.length)) resolve()
    })
    channel.onmessage = (event) => reader.push(Buffer.from(event.data as ArrayBuffer))
  })
  emit({ type: 'result', ...clock.result() })
}

/** One message at a time, framed and packed (see rtc-framing.ts), waiting above the cap. */
async function sendFramed(signaling: SocketSignaling, s: RoleSettings): Promise<void> {
  const channel = await dial(signaling, s.connect!)
  channel.bufferedAmountLowThreshold = BUFFER_LIMIT / 4
  let sent = false
  const packer = new ChannelPacker((chunk) => {
    channel.send(chunk as Uint8Array<ArrayBuffer>)
    sent = true
  })
  const message = payload(s.size!)
  for (let i = 0; i < s.count!; i++) {
    packer.add(message)
    if (sent) {
      sent = false
      await belowCap(channel)
    }
  }
  packer.flush()
}

/** The channel's ceiling: payload octets only, no message boundaries, counted in octets. */
async function receiveBytes(signaling: SocketSignaling, s: RoleSettings): Promise<void> {
  const bound = await accept(signaling)
  emit({ type: 'ready', endpoint: bound.endpoint })
  const channel = await bound.channel
  const total = s.count! * s.size!
  let bytes = 0
  let first = 0
  let start = 0n
  await new Promise<void>((resolve) => {
    channel.onmessage = (event) => {
      const length = (event.data as ArrayBuffer).byteLength
      if (bytes === 0) {
        start = now()
        first = length
      }
      bytes += length
      if (bytes >= total) resolve()
    }
  })
  const elapsedNs = Number(now() - start)
  // The clock starts at the first data-channel message, whose octets are not counted.
  emit({ type: 'result', messages: (bytes - first) / s.size!, bytes: bytes - first, elapsedNs })
}

/** The same octets in full 16 KiB data-channel messages cut from one prepared buffer. */
async function sendBytes(signaling: SocketSignaling, s: RoleSettings): Promise<void> {
  const channel = await dial(signaling, s.connect!)
  channel.bufferedAmountLowThreshold = BUFFER_LIMIT / 4
  const message = payload(s.size!)
  const total = s.count! * s.size!
  const chunk = new Uint8Array(Math.min(CHUNK, total))
  for (let at = 0; at < chunk.length; at++) chunk[at] = message[at % message.length]!
  for (let sent = 0; sent < total; ) {
    const length = Math.min(chunk.length, total - sent)
    channel.send(length === chunk.length ? chunk : chunk.subarray(0, length))
    sent += length
    await belowCap(channel)
  }
}

async function reply(signaling: SocketSignaling): Promise<void> {
  const bound = await accept(signaling)
  emit({ type: 'ready', endpoint: bound.endpoint })
  const channel = await bound.channel
  channel.onmessage = (event) => channel.send(event.data as ArrayBuffer)
}

async function request(signaling: SocketSignaling, s: RoleSettings): Promise<void> {
  const channel = await dial(signaling, s.connect!)
  const message = payload(s.size!)
  let answered: () => void = () => {}
  channel.onmessage = () => answered()
  const roundTrip = () =>
    new Promise<void>((resolve) => {
      answered = resolve
      channel.send(message as Uint8Array<ArrayBuffer>)
    })
  emit({ type: 'result', ...(await timeRoundTrips(roundTrip, s)) })
}

runWorker(async () => {
  const s = settings<RoleSettings>()
  const signaling = connectSignaling(s.signal!, [tcp()])
  if (s.role === 'pull-thr') await receiveFramed(signaling, s)
  else if (s.role === 'push-thr') await sendFramed(signaling, s)
  else if (s.role === 'pull-bytes') await receiveBytes(signaling, s)
  else if (s.role === 'push-bytes') await sendBytes(signaling, s)
  else if (s.role === 'rep') await reply(signaling)
  else if (s.role === 'req-lat') await request(signaling, s)
  else throw new Error(`rtc worker has no role ${s.role}`)
  await stopped
})
