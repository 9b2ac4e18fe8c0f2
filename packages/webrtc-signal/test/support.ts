import { Dealer } from '@zmtp/patterns'
import { tcp } from '@zmtp/transport-tcp'
import { type SocketSignaling, webrtc } from '@zmtp/transport-webrtc'
import { decodeReply, encodeRequest, type ServerReply } from '@zmtp/transport-webrtc/server'
import { connectSignaling, type SignalingServer, startSignalingServer } from '../src/index.js'

/** A signaling server on an ephemeral tcp port, and the clients made for it, all closed by `close()`. */
export async function signalingFixture() {
  const server: SignalingServer = await startSignalingServer({ bind: ['tcp://127.0.0.1:*'] })
  const endpoint = server.endpoints[0]!
  const closers: (() => void)[] = []
  return {
    server,
    endpoint,
    client(): SocketSignaling {
      const signaling = connectSignaling(endpoint, [tcp()])
      closers.push(() => signaling.close())
      return signaling
    },
    transport(client: SocketSignaling, options: { connectTimeout?: number } = {}) {
      return webrtc({ signaling: client, ...options })
    },
    /** A Dealer speaking to the server directly, to send it anything. */
    raw() {
      const dealer = new Dealer({ transports: [tcp()], linger: 0 })
      dealer.connect(endpoint)
      closers.push(() => dealer.close())
      return {
        dealer,
        async ask(bytes: Uint8Array | Uint8Array[]): Promise<ServerReply> {
          await dealer.send(bytes)
          return decodeReply((await dealer.receive())[0]!)
        },
        encodeRequest,
      }
    },
    close() {
      for (const close of closers.splice(0)) close()
      server.close()
    },
  }
}
