import { abortReason, type Connection, ErrorCode, isZmtpError, TransportError } from '@zmtp/core'
import { ChannelConnection } from '../connection/channel-connection.js'
import { closePeer } from '../connection/close-peer.js'
import { formatWebRtcEndpoint, randomPeerId, type WebRtcEndpoint } from '../endpoint.js'
import type { Signal, SignalBody, Signaling } from '../signaling/signaling.js'
import { addCandidate, channelOpen, forwardCandidates, NegotiationError, openPeer } from './peer.js'
import type { Settings } from './settings.js'

/** Attempts made per dial when negotiation itself fails (not for an unknown id, a timeout or an abort). */
const NEGOTIATION_ATTEMPTS = 3

/**
 * Opens one connection to a bound peer (see {@link dialOnce}), trying again with a fresh peer connection
 * when negotiation fails between two live peers.
 */
export async function dialPeer(
  settings: Settings,
  endpoint: WebRtcEndpoint,
  signal: AbortSignal | undefined,
): Promise<Connection> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dialOnce(settings, endpoint, signal)
    } catch (error) {
      if (!(error instanceof NegotiationError) || attempt >= NEGOTIATION_ATTEMPTS || signal?.aborted)
        throw error
    }
  }
}

/**
 * One attempt to open a connection to a bound peer: announces a throw-away id of our own (so the answer can reach
 * us), sends an offer, trickles candidates both ways, and waits for the data channel to open. Whatever
 * fails, the peer connection is closed and the throw-away id withdrawn.
 */
async function dialOnce(
  settings: Settings,
  endpoint: WebRtcEndpoint,
  signal: AbortSignal | undefined,
): Promise<Connection> {
  if (signal?.aborted) throw abortReason(signal)
  const { signaling } = settings
  const address = formatWebRtcEndpoint(endpoint)
  const PeerConnection = await settings.peerConnection()
  if (signal?.aborted) throw abortReason(signal)
  const self = randomPeerId('~')
  const session = randomPeerId()
  const opening = openPeer(PeerConnection, settings.iceServers)
  const { peer } = opening
  // At once: libdatachannel starts gathering as soon as the channel exists.
  const candidates = forwardCandidates(
    peer,
    (candidate, sdpMid) => void send({ kind: 'candidate', candidate, sdpMid }),
  )
  const head = { from: self, to: endpoint.peer, session }
  const send = (body: SignalBody) =>
    signaling.send({ ...head, ...body } as Signal).catch(() => {
      // Only the offer's failure matters (it is awaited below); later ones end in the open timeout.
    })

  let failRemote: (error: Error) => void = () => {}
  const remoteFailed = new Promise<never>((_, reject) => {
    failRemote = reject
  })
  remoteFailed.catch(() => {})
  let applying = Promise.resolve()
  const onSignal = (incoming: Signal) => {
    if (incoming.session !== session || incoming.from !== endpoint.peer) return
    applying = applying
      .then(async () => {
        if (incoming.kind === 'answer') await peer.setRemoteDescription({ type: 'answer', sdp: incoming.sdp })
        else if (incoming.kind === 'candidate') await addCandidate(peer, incoming)
        else if (incoming.kind === 'bye') {
          failRemote(
            new NegotiationError(ErrorCode.ConnectionRefused, `${address} refused: ${incoming.reason}`),
          )
        }
      })
      .catch((error: unknown) =>
        failRemote(
          new NegotiationError(ErrorCode.ConnectionRefused, `${address}: bad answer`, { cause: error }),
        ),
      )
  }

  let announcement: Awaited<ReturnType<Signaling['announce']>> | undefined
  let cancel: (reason: unknown) => void = () => {}
  const cancelled = new Promise<unknown>((resolve) => {
    cancel = resolve
  })
  const aborted = () => cancel(abortReason(signal!))
  signal?.addEventListener('abort', aborted, { once: true })
  try {
    announcement = await signaling.announce(self, onSignal)
    const offer = await peer.createOffer()
    // node-datachannel applies its offer by itself when the channel is created; setting it again starts
    // a second negotiation that an early answer can race. Browsers stay 'stable' until we set it.
    if (peer.signalingState === 'stable') await peer.setLocalDescription(offer)
    try {
      await signaling.send({ ...head, kind: 'offer', sdp: peer.localDescription?.sdp ?? offer.sdp ?? '' })
    } catch (error) {
      // Nobody announced that id: as a refused TCP connect, so the socket retries with its backoff.
      if (isZmtpError(error, ErrorCode.HostUnreachable)) {
        throw new TransportError(
          ErrorCode.ConnectionRefused,
          `connect ${address}: no peer announced that id`,
          {
            cause: error,
          },
        )
      }
      throw error
    }
    candidates.start()
    await Promise.race([
      channelOpen(opening, address, settings.connectTimeout, cancelled),
      remoteFailed,
      cancelled.then((reason) => Promise.reject(reason)),
    ])
    peer.onicecandidate = null
    return new ChannelConnection(peer, opening.channel, {
      remoteAddress: address,
      localAddress: `webrtc://${self}`,
      sendBufferSize: settings.sendBufferSize,
      receiveBufferLimit: settings.receiveBufferLimit,
      heartbeatInterval: settings.heartbeatInterval,
    })
  } catch (error) {
    peer.onicecandidate = null
    if (announcement) void send({ kind: 'bye', reason: 'connect abandoned' })
    closePeer(peer, opening.channel)
    throw error
  } finally {
    signal?.removeEventListener('abort', aborted)
    cancel(new Error('the dial is over'))
    void announcement?.close().catch(() => {})
  }
}
