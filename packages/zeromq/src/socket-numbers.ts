import type { SocketType } from '@zmtp/core'

/**
 * libzmq's socket type numbers (zmq.h's `ZMQ_PAIR` = 0 ... `ZMQ_STREAM` = 11): each type's ZMTP name at
 * its number. The one place the numbering is written down; `ZMQ_TYPE` reads it and `new Socket(type)`
 * picks the class by it. The draft types (12 and up) are not built.
 */
export const LIBZMQ_SOCKET_TYPES: readonly SocketType[] = [
  'PAIR',
  'PUB',
  'SUB',
  'REQ',
  'REP',
  'DEALER',
  'ROUTER',
  'PULL',
  'PUSH',
  'XPUB',
  'XSUB',
  'STREAM',
]
