import type { Transport } from '@zmtp/core'
import { tcp } from '@zmtp/transport-tcp'
import { SocketSignaling, webrtc } from '@zmtp/transport-webrtc'
import { serveSignaling } from '@zmtp/transport-webrtc/server'
import { ws } from '@zmtp/transport-ws'
import { Dealer, Router } from '../../src/index.js'

/** A transport under test: how sockets get it and where a socket binds. */
export interface TransportCase {
  name: string
  transports: Transport[]
  /** A fresh endpoint to bind (ephemeral where the transport allows it). */
  bindEndpoint(): string
}

let counter = 0
const unique = () => `${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`

/**
 * The reference WebRTC signaling service (a Router) and one client of it (a Dealer), both over tcp, for
 * the webrtc case: every socket of the suite announces and dials peer ids through them.
 */
const signalingServer = new Router({ transports: [tcp()] })
await signalingServer.bind('tcp://127.0.0.1:*')
serveSignaling(signalingServer)
const signalingDealer = new Dealer({ transports: [tcp()] })
signalingDealer.connect(signalingServer.lastEndpoint!)
const signaling = new SocketSignaling(signalingDealer)

/** Every transport the compliance suite runs over. Later transports join this list unchanged. */
export const transportCases: TransportCase[] = [
  { name: 'inproc', transports: [], bindEndpoint: () => `inproc://compliance-${unique()}` },
  { name: 'tcp', transports: [tcp()], bindEndpoint: () => 'tcp://127.0.0.1:*' },
  { name: 'ipc', transports: [tcp()], bindEndpoint: () => `ipc://@zmtp-compliance-${unique()}` },
  { name: 'ws', transports: [ws()], bindEndpoint: () => `ws://127.0.0.1:*/compliance-${unique()}` },
  { name: 'webrtc', transports: [webrtc({ signaling })], bindEndpoint: () => 'webrtc://*' },
]

/** Closes what the transports above hold open (the signaling sockets); call it from afterAll. */
export function closeTransports(): void {
  signaling.close()
  signalingServer.close()
}
