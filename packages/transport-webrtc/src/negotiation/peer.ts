import { ErrorCode, TimeoutError, TransportError } from '@zmtp/core'
import { CHANNEL_ID, CHANNEL_LABEL } from '../defaults.js'
import type { Signal } from '../signaling/signaling.js'

/**
 * The two peers could not agree although both are there: the answer was refused, or the other side's
 * setup failed. libdatachannel does this now and then under load ("Got a remote candidate without ICE
 * transport" with a well-formed answer), so such a dial is tried again with a fresh peer connection.
 */
export class NegotiationError extends TransportError {}

/** The `RTCPeerConnection` class to use: the browser's, node-datachannel's polyfill, or one given. */
export type PeerConnectionClass = new (configuration?: RTCConfiguration) => RTCPeerConnection

/** A peer connection being set up, with its ZMTP channel. */
export interface Opening {
  peer: RTCPeerConnection
  channel: RTCDataChannel
}

/**
 * A new peer connection and its one data channel: ordered, reliable, negotiated with a fixed id on both
 * sides, so neither waits for `ondatachannel`.
 */
export function openPeer(PeerConnection: PeerConnectionClass, iceServers: RTCIceServer[]): Opening {
  const peer = new PeerConnection({ iceServers })
  try {
    const channel = peer.createDataChannel(CHANNEL_LABEL, { negotiated: true, id: CHANNEL_ID, ordered: true })
    channel.binaryType = 'arraybuffer'
    return { peer, channel }
  } catch (error) {
    peer.close()
    throw error
  }
}

/**
 * Resolves when the channel opens. Rejects with `TimeoutError` (`ERR_HANDSHAKE_TIMEOUT`) after `timeout`
 * ms, with a `TransportError` when the peer connection fails or the channel closes first, and with
 * `abort`'s reason when `cancelled` settles. Listeners it set are removed either way.
 */
export function channelOpen(
  { peer, channel }: Opening,
  address: string,
  timeout: number,
  cancelled: Promise<unknown>,
): Promise<void> {
  if (channel.readyState === 'open') return Promise.resolve()
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        settle(
          new TimeoutError(
            ErrorCode.HandshakeTimeout,
            `${address}: no data channel within ${timeout} ms (ICE or signaling did not complete)`,
          ),
        ),
      timeout,
    )
    let done = false
    const settle = (error?: unknown) => {
      if (done) return
      done = true
      clearTimeout(timer)
      channel.onopen = null
      channel.onclose = null
      peer.onconnectionstatechange = null
      if (error === undefined) resolve()
      else reject(error)
    }
    channel.onopen = () => settle()
    channel.onclose = () =>
      settle(
        new NegotiationError(ErrorCode.ConnectionRefused, `${address}: data channel closed while opening`),
      )
    peer.onconnectionstatechange = () => {
      if (peer.connectionState === 'failed' || peer.connectionState === 'closed') {
        settle(
          new NegotiationError(
            ErrorCode.ConnectionRefused,
            `${address}: peer connection ${peer.connectionState}`,
          ),
        )
      }
    }
    cancelled.then(settle, settle)
  })
}

/** Applies a remote candidate; candidates the implementation cannot use are skipped, as browsers do. */
export async function addCandidate(
  peer: RTCPeerConnection,
  signal: Signal & { kind: 'candidate' },
): Promise<void> {
  if (signal.candidate === '') return
  try {
    await peer.addIceCandidate({ candidate: signal.candidate, sdpMid: signal.sdpMid })
  } catch {
    // An unusable candidate (another address family, a closed peer) is not fatal: others may work.
  }
}

/**
 * Calls `send` with each local ICE candidate, in order, once `start()` is called; candidates found before
 * that wait, so they never overtake the offer or answer they belong to.
 */
export function forwardCandidates(
  peer: RTCPeerConnection,
  send: (candidate: string, sdpMid: string) => void,
): {
  start(): void
} {
  let held: [string, string][] | null = []
  peer.onicecandidate = (event) => {
    const candidate = event.candidate
    if (!candidate?.candidate) return
    const entry: [string, string] = [candidate.candidate, candidate.sdpMid ?? '0']
    if (held) held.push(entry)
    else send(...entry)
  }
  return {
    start() {
      const waiting = held ?? []
      held = null
      for (const entry of waiting) send(...entry)
    },
  }
}
