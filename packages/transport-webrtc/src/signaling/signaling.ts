/**
 * The pluggable signaling interface: how two peers exchange the offer, answer and ICE candidates that set
 * up a WebRTC connection. The package ships one implementation over zmtp sockets ({@link SocketSignaling}
 * with `serveSignaling` from `@zmtp/transport-webrtc/server`); anything that can carry a few KiB between
 * two named peers (an existing WebSocket, a BroadcastChannel, a chat server) can implement it.
 */

/** What a signal carries. */
export type SignalBody =
  | { kind: 'offer'; sdp: string }
  | { kind: 'answer'; sdp: string }
  | { kind: 'candidate'; candidate: string; sdpMid: string }
  | { kind: 'bye'; reason: string }

/** One signal from one peer id to another, about one connection attempt. */
export type Signal = SignalBody & {
  /** The sender's peer id; it must be announced by the sender. */
  from: string
  /** The receiver's peer id; it must be announced, or sending fails with `EHOSTUNREACH`. */
  to: string
  /** Names the connection attempt (chosen by the dialing side), so one pair of peers may hold several. */
  session: string
}

/** A peer id claimed with {@link Signaling.announce}. */
export interface Announcement {
  /** The id announced. */
  readonly id: string
  /** Gives the id up; signals to it fail with `EHOSTUNREACH` from then on. */
  close(): Promise<void>
}

/** A signaling service, as the transport uses it. */
export interface Signaling {
  /**
   * Claims `id`: signals addressed to it are passed to `onSignal` until the announcement is closed.
   * Rejects with a {@link SignalingError}: `EADDRINUSE` when this client holds the id already.
   */
  announce(id: string, onSignal: (signal: Signal) => void): Promise<Announcement>
  /**
   * Sends a signal. Rejects with a {@link SignalingError}: `EHOSTUNREACH` when no peer announced `to`,
   * `ERR_FORBIDDEN` when `from` is not announced by this client.
   */
  send(signal: Signal): Promise<void>
}
