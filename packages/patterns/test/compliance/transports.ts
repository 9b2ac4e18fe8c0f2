import type { Transport } from '@zmtp/core'
import { tcp } from '@zmtp/transport-tcp'
import { ws } from '@zmtp/transport-ws'

/** A transport under test: how sockets get it and where a socket binds. */
export interface TransportCase {
  name: string
  transports: Transport[]
  /** A fresh endpoint to bind (ephemeral where the transport allows it). */
  bindEndpoint(): string
}

let counter = 0
const unique = () => `${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`

/** Every transport the compliance suite runs over. Later transports join this list unchanged. */
export const transportCases: TransportCase[] = [
  { name: 'inproc', transports: [], bindEndpoint: () => `inproc://compliance-${unique()}` },
  { name: 'tcp', transports: [tcp()], bindEndpoint: () => 'tcp://127.0.0.1:*' },
  { name: 'ipc', transports: [tcp()], bindEndpoint: () => `ipc://@zmtp-compliance-${unique()}` },
  { name: 'ws', transports: [ws()], bindEndpoint: () => `ws://127.0.0.1:*/compliance-${unique()}` },
]
