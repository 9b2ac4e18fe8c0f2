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
  /** Binds `socket` to a fresh endpoint and returns the one it got (a `*` port or peer id made real). */
  bound(socket: Bindable): Promise<string>
}

/** What {@link TransportCase.bound} binds: any socket. */
export interface Bindable {
  bind(endpoint: string): Promise<void>
  readonly lastEndpoint: string | undefined
}

function transportCase(name: string, transports: Transport[], bindEndpoint: () => string): TransportCase {
  return {
    name,
    transports,
    bindEndpoint,
    async bound(socket) {
      await socket.bind(bindEndpoint())
      return socket.lastEndpoint!
    },
  }
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
  transportCase('inproc', [], () => `inproc://compliance-${unique()}`),
  transportCase('tcp', [tcp()], () => 'tcp://127.0.0.1:*'),
  transportCase('ipc', [tcp()], () => `ipc://@zmtp-compliance-${unique()}`),
  transportCase('ws', [ws()], () => `ws://127.0.0.1:*/compliance-${unique()}`),
  transportCase('webrtc', [webrtc({ signaling })], () => 'webrtc://*'),
]

/** Closes what the transports above hold open (the signaling sockets); call it from afterAll. */
export function closeTransports(): void {
  signaling.close()
  signalingServer.close()
}
