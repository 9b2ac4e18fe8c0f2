import type { Listener, ListenOptions } from '@zmtp/core'
import { ChannelConnection } from '../connection/channel-connection.js'
import { closePeer } from '../connection/close-peer.js'
import { formatWebRtcEndpoint, randomPeerId, type WebRtcEndpoint } from '../endpoint.js'
import type { Announcement, Signal } from '../signaling/signaling.js'
import {
  addCandidate,
  channelOpen,
  forwardCandidates,
  type Opening,
  openPeer,
  type PeerConnectionClass,
} from './peer.js'
import type { Settings } from './settings.js'

/** One offer being answered. */
interface Answering {
  opening: Opening
  applying: Promise<void>
  cancel(reason: unknown): void
}

/**
 * Binds a peer id: announces it, answers every offer addressed to it with a peer connection of its own,
 * and hands each data channel that opens to `onConnection`. Offers that fail (ICE, timeout, a bye from
 * the dialer) close their peer connection and are reported to `onError`.
 */
export async function listenPeer(
  settings: Settings,
  endpoint: WebRtcEndpoint,
  options: ListenOptions,
): Promise<Listener> {
  const PeerConnection = await settings.peerConnection()
  const id = endpoint.peer === '*' ? randomPeerId() : endpoint.peer
  const address = formatWebRtcEndpoint({ protocol: 'webrtc', peer: id })
  const sessions = new Map<string, Answering>()
  let closed = false

  const onSignal = (incoming: Signal) => {
    if (closed) return
    const key = `${incoming.from}\n${incoming.session}`
    const known = sessions.get(key)
    if (incoming.kind === 'offer') {
      if (known) return
      if (sessions.size >= settings.maxPendingOffers) {
        refuse(incoming, 'too many offers at once')
        return
      }
      answer(key, incoming, PeerConnection)
      return
    }
    if (!known) return
    if (incoming.kind === 'candidate') {
      known.applying = known.applying.then(
        () => addCandidate(known.opening.peer, incoming),
        () => {},
      )
    } else if (incoming.kind === 'bye') {
      known.cancel(new Error(`${incoming.from} gave up: ${incoming.reason}`))
    }
  }

  const refuse = (offer: Signal, reason: string) => {
    void settings.signaling
      .send({ from: id, to: offer.from, session: offer.session, kind: 'bye', reason })
      .catch(() => {})
  }

  const answer = (key: string, offer: Signal & { kind: 'offer' }, Peer: PeerConnectionClass) => {
    const opening = openPeer(Peer, settings.iceServers)
    const { peer } = opening
    let cancel: (reason: unknown) => void = () => {}
    const cancelled = new Promise<unknown>((resolve) => {
      cancel = resolve
    })
    const head = { from: id, to: offer.from, session: offer.session }
    const candidates = forwardCandidates(peer, (candidate, sdpMid) => {
      void settings.signaling.send({ ...head, kind: 'candidate', candidate, sdpMid }).catch(() => {})
    })
    const remote = `webrtc://${offer.from}`
    const entry: Answering = {
      opening,
      cancel,
      applying: (async () => {
        await peer.setRemoteDescription({ type: 'offer', sdp: offer.sdp })
        const local = await peer.createAnswer()
        await peer.setLocalDescription(local)
        await settings.signaling.send({
          ...head,
          kind: 'answer',
          sdp: peer.localDescription?.sdp ?? local.sdp ?? '',
        })
        candidates.start()
      })(),
    }
    sessions.set(key, entry)
    // The channel can open before the signaling server's acknowledgement of our answer comes back (the
    // dialer has the answer already, and ICE, DTLS and SCTP need no more signaling): it is wrapped as soon
    // as it opens, since a data channel drops what arrives while nobody listens, and what the dialer sends
    // first is its ZMTP greeting. A failure to answer ends the attempt while the channel has not opened;
    // once it has, the connection stands (the dialer has our answer) and a late failure is ignored.
    const answerFailed = entry.applying.then(() => new Promise<never>(() => {}))
    const opened = Promise.race([
      channelOpen(opening, remote, settings.connectTimeout, cancelled),
      answerFailed,
    ])
    opened.then(
      () => {
        sessions.delete(key)
        peer.onicecandidate = null
        if (closed) {
          closePeer(peer, opening.channel)
          return
        }
        options.onConnection(
          new ChannelConnection(peer, opening.channel, {
            remoteAddress: remote,
            localAddress: address,
            sendBufferSize: settings.sendBufferSize,
            receiveBufferLimit: settings.receiveBufferLimit,
            heartbeatInterval: settings.heartbeatInterval,
          }),
        )
      },
      (error: unknown) => {
        sessions.delete(key)
        peer.onicecandidate = null
        cancel(error)
        closePeer(peer, opening.channel)
        if (!closed) {
          refuse(offer, 'connection setup failed')
          options.onError?.(error instanceof Error ? error : new Error(String(error)))
        }
      },
    )
  }

  const announcement: Announcement = await settings.signaling.announce(id, onSignal)
  return {
    endpoint: address,
    async close() {
      if (closed) return
      closed = true
      for (const session of sessions.values()) session.cancel(new Error('the listener closed'))
      await announcement.close()
    },
  }
}
