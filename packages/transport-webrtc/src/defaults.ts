/** Largest data-channel message we send: every browser and libdatachannel take 16 KiB whole. */
export const CHUNK_SIZE = 16 * 1024
/** Octets queued in a data channel above which its connection reports itself full. */
export const DEFAULT_SEND_BUFFER = 1024 * 1024
/** Time allowed from the offer to an open data channel, in ms; ICE on a LAN takes ~10 ms to ~1 s. */
export const DEFAULT_CONNECT_TIMEOUT = 10_000
/** ZMTP heartbeat interval the transport asks for when the socket sets none, in ms. */
export const DEFAULT_HEARTBEAT_INTERVAL = 5_000
/** Octets held while the socket's receive queue is full (a data channel cannot be paused). */
export const DEFAULT_RECEIVE_BUFFER_LIMIT = 64 * 1024 * 1024
/** How often a full connection checks `bufferedAmount` in case `bufferedamountlow` never fires, in ms. */
export const DRAIN_POLL_MS = 20
/** Largest encoded signaling message (an SDP with candidates is a few KiB). */
export const MAX_SIGNAL_SIZE = 64 * 1024
/** The fixed id of the negotiated data channel that carries ZMTP. */
export const CHANNEL_ID = 0
/** The data channel's label (both sides create it, negotiated, so the label is informative only). */
export const CHANNEL_LABEL = 'zmtp'
/**
 * Tasks a stream of small writes may be packed across before what waits goes out anyway (see Outbox).
 * A Push sender awaiting each 16 B send gets 256 messages (4.5 KiB) per task, so 4 tasks fill 16 KiB;
 * 1 task measured half the gain, 8 no more than 4.
 */
export const STREAM_HOLD_TURNS = 4
/**
 * How long, in ms, a stream's oldest packed octet may wait: the first check after that sends it. Four
 * tasks of a process busy with other work would otherwise add tens of ms to a steady feed; with tasks
 * longer than this, nothing waits past the end of the next one.
 */
export const STREAM_HOLD_MS = 1
/**
 * Octets a task must write for its writes to be packed into the next task's: a lighter feed would take
 * eight tasks or more to fill 16 KiB, so holding it would add latency and save few data-channel messages.
 */
export const STREAM_MIN_TURN_BYTES = 2 * 1024
