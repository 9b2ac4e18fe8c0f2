import type { SocketType } from '@zmtp/core'

/**
 * libzmq's number for each socket type, as zmq.h defines them (`ZMQ_PAIR` = 0 ... `ZMQ_STREAM` = 11): the
 * one place this numbering is written down. `ZMQ_TYPE` reads it, and `new Socket(type)` picks the class by
 * it. The draft types (12 and up) are not built.
 */
export const LIBZMQ_TYPE_NUMBERS: Readonly<Record<SocketType, number>> = {
  PAIR: 0,
  PUB: 1,
  SUB: 2,
  REQ: 3,
  REP: 4,
  DEALER: 5,
  ROUTER: 6,
  PULL: 7,
  PUSH: 8,
  XPUB: 9,
  XSUB: 10,
  STREAM: 11,
}

const byNumber = new Map(
  Object.entries(LIBZMQ_TYPE_NUMBERS).map(([type, number]) => [number, type as SocketType]),
)

/** The socket type libzmq numbers `number`, or undefined when it is not one of the built types. */
export function socketTypeNumbered(number: number): SocketType | undefined {
  return byNumber.get(number)
}
