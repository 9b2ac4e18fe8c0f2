import {
  Dealer,
  Pair,
  Publisher,
  Pull,
  Push,
  Reply,
  Request,
  Router,
  type Socket,
  type SocketOptions,
  Subscriber,
  XPublisher,
  XSubscriber,
} from '@zmtp/patterns'

/**
 * How a socket command moves data: `send` reads stdin into messages, `receive` prints messages, `duplex`
 * does both at once, `request` prints the reply to each input message, `reply` answers each request.
 */
export type Role = 'send' | 'receive' | 'duplex' | 'request' | 'reply'

/** One row of the socket command table. */
export interface SocketType {
  /** The command name, libzmq's type in lower case. */
  readonly name: string
  readonly role: Role
  /** The socket types it talks to, for `--help` and for the hint after a failed handshake. */
  readonly peers: string
  readonly summary: string
  create(options: SocketOptions): Socket
}

/** Every socket type `zmtp` speaks, in the order `--help` lists them. */
export const SOCKET_TYPES: readonly SocketType[] = [
  {
    name: 'req',
    role: 'request',
    peers: 'rep, router',
    summary: 'send each input line as a request and print its reply',
    create: (o) => new Request(o),
  },
  {
    name: 'rep',
    role: 'reply',
    peers: 'req, dealer',
    summary: 'print each request and answer it (--echo, --exec, or the next input line)',
    create: (o) => new Reply(o),
  },
  {
    name: 'dealer',
    role: 'duplex',
    peers: 'router, rep, dealer',
    summary: 'send input lines round-robin, print what comes back',
    create: (o) => new Dealer(o),
  },
  {
    name: 'router',
    role: 'duplex',
    peers: 'req, dealer, router',
    summary: 'print messages with the sender id first; input lines go to the peer named by their first frame',
    create: (o) => new Router(o),
  },
  {
    name: 'pub',
    role: 'send',
    peers: 'sub, xsub',
    summary: 'publish input lines (first frame is the topic)',
    create: (o) => new Publisher(o),
  },
  {
    name: 'sub',
    role: 'receive',
    peers: 'pub, xpub',
    summary: 'print what publishers send on the --subscribe topics (all when none given)',
    create: (o) => new Subscriber(o),
  },
  {
    name: 'xpub',
    role: 'duplex',
    peers: 'sub, xsub',
    summary: 'publish input lines, print subscriptions (\\x01topic, \\x00topic)',
    create: (o) => new XPublisher(o),
  },
  {
    name: 'xsub',
    role: 'duplex',
    peers: 'pub, xpub',
    summary: 'print what publishers send; input lines go upstream (\\x01topic subscribes)',
    create: (o) => new XSubscriber(o),
  },
  {
    name: 'push',
    role: 'send',
    peers: 'pull',
    summary: 'send input lines round-robin to pullers',
    create: (o) => new Push(o),
  },
  {
    name: 'pull',
    role: 'receive',
    peers: 'push',
    summary: 'print what pushers send',
    create: (o) => new Pull(o),
  },
  {
    name: 'pair',
    role: 'duplex',
    peers: 'pair',
    summary: 'send input lines to the one peer, print what it sends',
    create: (o) => new Pair(o),
  },
]

/** The row for `name`, or undefined. */
export function socketType(name: string): SocketType | undefined {
  return SOCKET_TYPES.find((type) => type.name === name)
}
